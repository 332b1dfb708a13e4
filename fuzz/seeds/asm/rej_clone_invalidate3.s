; Lesson (rejected): releasing one clone invalidates its siblings.
;
; Two clones of one ring buffer dynptr. Submitting clone 1 (fp-32)
; releases reference 1, which clone 2 (fp-48) also holds; writing through
; clone 2 is refused: "Expected an initialized dynptr" (clone_invalidate3).
.program clone_invalidate3 syscall
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
    call bpf_dynptr_clone       ; clone 1

    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -48
    r3 = 0
    call bpf_dynptr_clone       ; clone 2

    r1 = r10
    r1 += -32
    r2 = 0
    call bpf_ringbuf_submit_dynptr  ; clone 1

    r1 = 0
    *(u64 *)(r10 - 56) = r1
    r1 = r10
    r1 += -48                   ; clone 2: invalid
    r2 = 0
    r3 = r10
    r3 += -56
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r0 = 0
    exit
