package dev.cloudpacs.common.index;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A patient row of the index (written by {@link IndexWriter}, read through Panache). */
@Entity
@Table(name = "patient")
public class Patient extends PanacheEntityBase {
    @Id
    public Long pk;
    @Column(name = "patient_id")
    public String patientId;
    public String issuer;
    @Column(name = "patient_name")
    public String patientName;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    public String sex;
}
