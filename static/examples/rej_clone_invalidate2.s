; Lesson (rejected): submitting the original releases its clones.
;
; The original is submitted; the clone shares its reference, so
; submitting the clone afterwards would release the record twice:
; "Expected an initialized dynptr as arg #1" (clone_invalidate2).
.program clone_invalidate2 syscall
.map rb ringbuf max_entries=4096

    r1 = rb ll
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr

    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    r3 = 0
    call bpf_dynptr_clone

    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr  ; the original

    r1 = r10
    r1 += -32
    r2 = 0
    call bpf_ringbuf_submit_dynptr  ; the clone: already released
    r0 = 0
    exit
