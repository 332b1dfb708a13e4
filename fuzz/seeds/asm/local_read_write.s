; Lesson: a local dynptr over a global, written and read back.
;
; bpf_dynptr_from_mem turns the 16 bytes of a global (a map value: the
; verifier of this era accepts no other memory) into a dynptr at fp-16
; (kind local, no reference). bpf_dynptr_write and bpf_dynptr_read check
; every access against the dynptr's size: the last read asks for bytes
; past the end and returns -E2BIG (-7) instead of touching memory.
.program local_read_write syscall
.data buf 16 = 0

    r1 = buf ll                 ; data: the global's 16 bytes
    r2 = 16                     ; size
    r3 = 0                      ; flags
    r4 = r10
    r4 += -16                   ; &ptr
    call bpf_dynptr_from_mem

    r1 = 0x2a
    *(u64 *)(r10 - 40) = r1     ; the value to write
    r1 = r10
    r1 += -16                   ; dst dynptr
    r2 = 4                      ; offset inside the dynptr
    r3 = r10
    r3 += -40                   ; src
    r4 = 8                      ; len
    r5 = 0                      ; flags
    call bpf_dynptr_write

    r1 = r10
    r1 += -48                   ; dst buffer
    r2 = 8                      ; len
    r3 = r10
    r3 += -16                   ; src dynptr
    r4 = 4                      ; offset
    r5 = 0                      ; flags
    call bpf_dynptr_read        ; reads back 0x2a
    r6 = *(u64 *)(r10 - 48)

    r1 = r10
    r1 += -48
    r2 = 8
    r3 = r10
    r3 += -16
    r4 = 12                     ; 12 + 8 > 16: out of range
    r5 = 0
    call bpf_dynptr_read        ; r0 = -E2BIG

    r0 = r6
    exit
