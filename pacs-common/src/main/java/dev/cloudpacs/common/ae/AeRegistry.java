package dev.cloudpacs.common.ae;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** Looks up known remote AEs (the calling-AE allowlist and, later, move destinations). */
@ApplicationScoped
public class AeRegistry {
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ApplicationEntity> find(String aeTitle) {
        return ApplicationEntity.findByIdOptional(aeTitle);
    }

    /** True when the AE is registered (any permission). */
    public boolean isKnown(String aeTitle) {
        return aeTitle != null && find(aeTitle).isPresent();
    }
}
