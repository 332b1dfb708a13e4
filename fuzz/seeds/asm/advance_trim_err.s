; Lesson: what advance and trim refuse, and the zero-size dynptr.
;
; A 16-byte local dynptr over a global. advance(17) and trim(17) ask for more than the
; view holds: both return -ERANGE (-34) and leave the view unchanged.
; advance(16) is allowed and leaves a zero-size view (offset 16, size 0):
; it can still read and write 0 bytes, but reading 1 byte gives -E2BIG.
; r0 at exit collects the results: look at the Registers panel.
.program advance_trim_err syscall
.data buf 16 = 0

    r1 = buf ll                 ; 16 bytes of a global: a map value
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_dynptr_from_mem

    r1 = r10
    r1 += -16
    r2 = 17
    call bpf_dynptr_advance     ; -ERANGE: 17 > 16
    r6 = r0

    r1 = r10
    r1 += -16
    r2 = 17
    call bpf_dynptr_trim        ; -ERANGE
    r7 = r0

    r1 = r10
    r1 += -16
    r2 = 16
    call bpf_dynptr_advance     ; 0: now offset 16, size 0

    r1 = r10
    r1 += -40
    r2 = 0                      ; read 0 bytes from a 0-byte view: fine
    r3 = r10
    r3 += -16
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r8 = r0                     ; 0

    r1 = r10
    r1 += -40
    r2 = 1                      ; 1 byte: too many
    r3 = r10
    r3 += -16
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r9 = r0                     ; -E2BIG

    r0 = r6
    r0 += r7                    ; -68
    r0 += r8
    r0 += r9                    ; -75
    exit
