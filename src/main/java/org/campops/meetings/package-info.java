/**
 * Staff meetings and material deadlines of the program file: reminders to whom they are for, and their read
 * API.
 */
package org.campops.meetings;
