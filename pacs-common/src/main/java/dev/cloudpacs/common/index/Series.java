package dev.cloudpacs.common.index;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A series row of the index. */
@Entity
@Table(name = "series")
public class Series extends PanacheEntityBase {
    @Id
    public Long pk;
    @Column(name = "series_instance_uid")
    public String seriesInstanceUid;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "study_fk")
    public Study study;
    public String modality;
    @Column(name = "series_number")
    public Long seriesNumber;
    @Column(name = "series_description")
    public String seriesDescription;
}
