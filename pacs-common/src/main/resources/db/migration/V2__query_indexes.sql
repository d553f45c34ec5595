-- Indexes for C-FIND / QIDO-RS matching (PS3.4 C.2.2.2): prefix wildcards on names ("SMITH*") use the
-- pattern-ops indexes; exact and range matches on the other query keys use plain B-trees.
CREATE INDEX patient_name_uc_idx ON patient (patient_name_uc varchar_pattern_ops);
CREATE INDEX patient_name_idx ON patient (patient_name varchar_pattern_ops);
CREATE INDEX patient_birth_date_idx ON patient (birth_date);
CREATE INDEX study_id_idx ON study (study_id);
CREATE INDEX study_accession_pattern_idx ON study (accession_number varchar_pattern_ops);
CREATE INDEX instance_sop_class_idx ON instance (sop_class_uid);
