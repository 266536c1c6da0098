package org.campops.qa;

import java.util.List;

/** All questions and answers at one moment, for statistics and export. */
public record QaSnapshot(List<Question> questions, List<Answer> answers) {}
