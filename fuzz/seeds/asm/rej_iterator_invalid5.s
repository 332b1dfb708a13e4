; Lesson (rejected): the verifier checks a callback body only once.
;
; The ring buffer dynptr at fp-64 is passed as the callback's context and
; the callback submits it. The iterator may call the callback zero, one or
; many times, so the verifier cannot count on that release: the caller
; still holds the reference at exit, "Unreleased reference"
; (iterator_invalid5). The thread discusses exactly this case.
.program iterator_invalid5 syscall
.map rb ringbuf max_entries=4096
.data buf 16 = 0

    r1 = buf ll                 ; 16 bytes of a global: a map value
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_dynptr_from_mem    ; local dynptr at fp-16

    r1 = rb ll
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -64
    call bpf_ringbuf_reserve_dynptr ; at fp-64

    r1 = r10
    r1 += -16
    r2 = cb ll
    r3 = r10
    r3 += -64                   ; ctx: the ring buffer dynptr
    r4 = 0
    call bpf_dynptr_iterator
    r0 = 0
    exit

cb:
    r1 = r2
    r2 = 0
    call bpf_ringbuf_submit_dynptr  ; releases the ctx dynptr
    r0 = 0
    exit
