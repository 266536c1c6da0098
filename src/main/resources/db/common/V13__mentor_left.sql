-- When a team's mentor left the camp's server (kick, ban, leaving): set once (organizers are told once), cleared
-- when the team gets a mentor again (/team mentor, a roster import).
ALTER TABLE team ADD COLUMN mentor_left_at TIMESTAMP;
