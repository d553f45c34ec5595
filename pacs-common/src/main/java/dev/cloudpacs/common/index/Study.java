package dev.cloudpacs.common.index;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/** A study row of the index. */
@Entity
@Table(name = "study")
public class Study extends PanacheEntityBase {
    @Id
    public Long pk;
    @Column(name = "study_instance_uid")
    public String studyInstanceUid;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "patient_fk")
    public Patient patient;
    @Column(name = "study_date")
    public LocalDate studyDate;
    @Column(name = "study_time")
    public LocalTime studyTime;
    @Column(name = "accession_number")
    public String accessionNumber;
    @Column(name = "study_description")
    public String studyDescription;
    @Column(name = "last_received_at")
    public OffsetDateTime lastReceivedAt;
    @Column(name = "stable_published")
    public boolean stablePublished;

    public static Study byUid(String uid) {
        return find("studyInstanceUid", uid).firstResult();
    }
}
