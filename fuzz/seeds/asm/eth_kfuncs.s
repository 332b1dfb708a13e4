; Lesson: helpers vs kfuncs (2/2) - the same parse with upstream kfuncs.
;
; `call kfunc NAME` encodes src_reg = BPF_PSEUDO_KFUNC_CALL and the BTF id
; the loader resolved by name: no UAPI number, and the kernel may change
; them. bpf_dynptr_slice replaces read + copy: it returns a pointer into
; the packet (or into the stack buffer when the bytes are not contiguous).
; bpf_dynptr_adjust(start, end) replaces advance and trim; clone has no
; offset argument.
.program eth_kfuncs xdp

    r2 = 0
    r3 = r10
    r3 += -16
    call kfunc bpf_dynptr_from_xdp

    r1 = r10
    r1 += -16
    call kfunc bpf_dynptr_size
    if r0 < 14 goto drop
    r7 = r0

    r1 = r10
    r1 += -16
    r2 = 0                      ; offset
    r3 = r10
    r3 += -32                   ; buffer for non-contiguous bytes
    r4 = 14                     ; constant size
    call kfunc bpf_dynptr_slice
    if r0 == 0 goto drop
    r6 = *(u16 *)(r0 + 12)      ; ethertype through the slice

    r1 = r10
    r1 += -16
    r2 = 14                     ; start
    r3 = r7                     ; end
    call kfunc bpf_dynptr_adjust

    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -48
    call kfunc bpf_dynptr_clone

    r1 = r10
    r1 += -48
    call kfunc bpf_dynptr_is_rdonly
    r1 = r10
    r1 += -48
    call kfunc bpf_dynptr_is_null

    if r6 != 0x8 goto drop
    r0 = 2
    exit
drop:
    r0 = 1
    exit
