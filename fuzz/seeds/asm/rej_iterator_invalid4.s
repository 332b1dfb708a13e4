; Lesson (rejected): the callback cannot release the iterated dynptr.
;
; The program iterates over a ring buffer record; the callback's view is
; a copy that does not own the reference, so submitting it is refused:
; "arg 1 is an unacquired reference" (iterator_invalid4).
.program iterator_invalid4 syscall
.map rb ringbuf max_entries=4096

    r1 = rb ll
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr

    r1 = r10
    r1 += -16
    r2 = cb ll
    r3 = 0
    r4 = 0
    call bpf_dynptr_iterator

    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit

cb:
    r2 = 0
    call bpf_ringbuf_submit_dynptr  ; r1: the callback's view
    r0 = 0
    exit
