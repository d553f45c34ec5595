package dev.cloudpacs.common.index;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/** An instance row of the index: where the object is stored and its header as DICOM JSON. */
@Entity
@Table(name = "instance")
public class Instance extends PanacheEntityBase {
    @Id
    public Long pk;
    @Column(name = "sop_instance_uid")
    public String sopInstanceUid;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "series_fk")
    public Series series;
    @Column(name = "sop_class_uid")
    public String sopClassUid;
    @Column(name = "instance_number")
    public Long instanceNumber;
    @Column(name = "transfer_syntax_uid")
    public String transferSyntaxUid;
    @Column(name = "storage_key")
    public String storageKey;
    @Column(name = "size_bytes")
    public long sizeBytes;
    @Column(name = "checksum_sha256")
    public String checksumSha256;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
    @Column(name = "source_ae")
    public String sourceAe;
    @Column(name = "called_ae")
    public String calledAe;
    @JdbcTypeCode(SqlTypes.JSON)
    public String header;

    public static Instance byUid(String uid) {
        return find("sopInstanceUid", uid).firstResult();
    }
}
