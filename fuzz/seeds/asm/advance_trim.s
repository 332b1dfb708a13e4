; Lesson: narrowing a view from the front (advance) and the back (trim).
;
; A local dynptr over a 32-byte map value. Step and watch the window in
; the Dynptrs panel: advance(8) moves its start (offset 8, size 24),
; trim(4) cuts the end (offset 8, size 20). get_offset and get_size report
; the view, not the underlying buffer. Returns offset * 100 + size = 820.
.program advance_trim syscall
.map values array key=4 value=32 max_entries=1

    r1 = 0
    *(u32 *)(r10 - 4) = r1      ; key 0
    r1 = values ll
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem    ; r0 = &values[0] or NULL
    if r0 == 0 goto out_zero

    r1 = r0                     ; data: the 32-byte map value
    r2 = 32
    r3 = 0
    r4 = r10
    r4 += -24                   ; &ptr at fp-24
    call bpf_dynptr_from_mem

    r1 = r10
    r1 += -24
    r2 = 8
    call bpf_dynptr_advance     ; offset 8, size 24

    r1 = r10
    r1 += -24
    r2 = 4
    call bpf_dynptr_trim        ; offset 8, size 20

    r1 = r10
    r1 += -24
    call bpf_dynptr_get_offset  ; 8
    r6 = r0
    r6 *= 100

    r1 = r10
    r1 += -24
    call bpf_dynptr_get_size    ; 20
    r6 += r0
    r0 = r6
    exit

out_zero:
    r0 = 0
    exit
