; Lesson (rejected): a slice of the clone dies when the original is submitted.
;
; A data slice is a pointer into the record. When any instance of the
; dynptr family is released, every slice of every instance becomes a
; scalar: using it is refused with "invalid mem access 'scalar'" (clone_invalidate5).
; The Dynptrs panel draws the slice struck out from the submit on.
.program clone_invalidate5 syscall
.map rb ringbuf max_entries=4096

    r1 = rb ll
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr ; ptr at fp-16

    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    r3 = 0
    call bpf_dynptr_clone       ; clone at fp-32

    r1 = r10
    r1 += -32
    r2 = 0
    r3 = 8
    call bpf_dynptr_data        ; the slice
    if r0 == 0 goto release
    r6 = r0

    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr

    r0 = *(u64 *)(r6 + 0)       ; the slice is dead
    exit

release:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = 0
    exit
