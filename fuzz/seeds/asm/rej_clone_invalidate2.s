; Lesson (rejected): submitting the original releases its clones.
;
; The original is submitted; the clone shares its reference, so the
; release invalidates the clone too, and writing through it is refused:
; "Expected an initialized dynptr as arg #1" (clone_invalidate2).
; (Submitting the clone instead would be refused one check earlier, with
; "arg 1 is an unacquired reference": try it.)
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

    r1 = 0
    *(u64 *)(r10 - 40) = r1
    r1 = r10
    r1 += -32                   ; the clone: invalidated with the original
    r2 = 0
    r3 = r10
    r3 += -40
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r0 = 0
    exit
