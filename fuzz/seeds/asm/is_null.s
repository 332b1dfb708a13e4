; Lesson: a failed reservation still leaves a dynptr to release.
;
; Asking the 4096-byte ring buffer for 8192 bytes fails: the helper
; returns an error and sets the dynptr to null (the Dynptrs panel shows
; fp-16 with state null).
; bpf_dynptr_is_null says 1. The verifier still tracks the reference, so
; the program must discard it: remove the discard and Verify to see
; "Unreleased reference".
.program test_dynptr_is_null syscall
.map rb ringbuf max_entries=4096

    r1 = rb ll
    r2 = 8192                   ; more than the ring holds
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr
    r7 = r0                     ; the error

    r1 = r10
    r1 += -16
    call bpf_dynptr_is_null     ; 1
    r6 = r0

    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr ; required even for a null dynptr

    r0 = r6
    exit
