package com.split.events.recovery;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/recovery")
class RecoveryController {

    private final Reconciler reconciler;

    RecoveryController(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    /** What a reconcile would repair now, with each queue's accounting. */
    @GetMapping("/stuck")
    StuckReport stuck() {
        return reconciler.stuck();
    }

    @PostMapping("/reconcile")
    ReconcileReport reconcile() {
        return reconciler.reconcile();
    }
}
