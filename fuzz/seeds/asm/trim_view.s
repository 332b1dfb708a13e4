; A local dynptr over a 16-byte map value, narrowed from both ends:
; bpf_dynptr_advance(&ptr, 4) then bpf_dynptr_trim(&ptr, 2) leave a view of
; offset 4 and size 10. The program stores offset * 100 + size (410) in the
; global `view` and returns the size.
.program trim_view syscall
.map buf array key=4 value=16 max_entries=1
.data view 8 = 0

    r1 = 0
    *(u32 *)(r10 - 4) = r1      ; key 0
    r1 = buf ll
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto out

    r1 = r0                     ; the 16-byte value
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -24                   ; the dynptr at fp-24
    call bpf_dynptr_from_mem

    r1 = r10
    r1 += -24
    r2 = 4
    call bpf_dynptr_advance     ; offset 4, size 12

    r1 = r10
    r1 += -24
    r2 = 2
    call bpf_dynptr_trim        ; offset 4, size 10

    r1 = r10
    r1 += -24
    call bpf_dynptr_get_offset
    r6 = r0
    r6 *= 100
    r1 = r10
    r1 += -24
    call bpf_dynptr_get_size
    r7 = r0
    r6 += r0
    r1 = view ll
    *(u64 *)(r1 + 0) = r6
    r0 = r7
    exit
out:
    r0 = 0
    exit
