; Lesson: a data slice is a plain pointer into the dynptr's memory.
;
; bpf_dynptr_data returns a pointer to 8 bytes at offset 4 of the record,
; or NULL: the verifier insists on the NULL check. Writes through the
; slice land in the ring buffer record (Dynptrs panel: the striped box
; inside the window). After the submit, the slice is invalid: any use of
; r6 after it would be rejected with "invalid mem access 'scalar'".
.program test_data_slice syscall
.map rb ringbuf max_entries=4096

    r1 = rb ll
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr

    r1 = r10
    r1 += -16
    r2 = 4                      ; offset
    r3 = 8                      ; len
    call bpf_dynptr_data
    if r0 == 0 goto discard
    r6 = r0
    r1 = 0x1122334455667788 ll
    *(u64 *)(r6 + 0) = r1       ; write through the slice

    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit

discard:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = 1
    exit
