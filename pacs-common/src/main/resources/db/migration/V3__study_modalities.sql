-- Modalities in Study (0008,0061) kept on the study row: written once per new series at ingest, so
-- study-level queries match and return it without visiting the series of every candidate study.
ALTER TABLE study ADD COLUMN modalities VARCHAR(16)[] NOT NULL DEFAULT '{}';
UPDATE study st SET modalities = COALESCE((SELECT array_agg(DISTINCT se.modality ORDER BY se.modality)
    FROM series se WHERE se.study_fk = st.pk AND se.modality IS NOT NULL), '{}');
