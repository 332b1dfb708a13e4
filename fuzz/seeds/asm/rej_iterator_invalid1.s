; Lesson (rejected): a callback must release what it acquires.
;
; The callback reserves a ring buffer record each time it runs and never
; submits it. The reference outlives the callback: "Unreleased reference
; id=1" (iterator_invalid1).
.program iterator_invalid1 syscall
.map rb ringbuf max_entries=4096
.data buf 16 = 0

    r1 = buf ll                 ; 16 bytes of a global: a map value
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_dynptr_from_mem    ; local dynptr at fp-16

    r1 = r10
    r1 += -16
    r2 = cb ll
    r3 = 0
    r4 = 0
    call bpf_dynptr_iterator
    r0 = 0
    exit

cb:
    r1 = rb ll
    r2 = 8
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr ; acquired, never released
    r0 = 0
    exit
