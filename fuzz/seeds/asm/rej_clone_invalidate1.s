; Lesson (rejected): submitting a clone releases the original too.
;
; ptr (fp-16) and clone (fp-32) share reference 1. Submitting the clone
; releases the record, so the verifier marks every instance invalid
; (Dynptrs panel when stepping in unsafe mode: both greyed). Reading
; through the original is then refused: "Expected an initialized dynptr"
; (clone_invalidate1).
.program clone_invalidate1 syscall
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
    r1 += -32
    r2 = 0
    call bpf_ringbuf_submit_dynptr  ; submit the clone

    r1 = r10
    r1 += -40
    r2 = 8
    r3 = r10
    r3 += -16                   ; the original: invalid now
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r0 = 0
    exit
