"""Vocational training (plan ch.4.3: 两后生 and poor workers): courses at training bases
(organisations holding the training_base role: Fuzhou's vocational colleges, Cangshan
enterprises' practice bases), their trainees from the registry, completion and certificates.

A certificate (and the skill) a course grants is written into the trainee's labour profile when
they complete it, so the next matching run counts it (labour.matching reads the profile).

- `choices`; `models` (Course, CourseTrainee: imported by labour.models);
- `youth`: the 两后生 rule, a pure function, and the same rule as a query;
- `filters`, `selectors`, `services`, `imports` (`xiezuo import_course_trainees`).
"""
