; Lesson: helpers vs kfuncs (1/2) - parsing Ethernet with the series' helpers.
;
; Each call is `call N` in the bytecode: a helper number from the stable
; UAPI (hover a name to see it). The same program with the upstream kfuncs
; is the next example: compare the encodings (helpers: src_reg 0 and a
; number; kfuncs: src_reg 2 and a BTF id), the verifier logs and the runs.
.program eth_helpers xdp

    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_xdp     ; helper 213

    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size    ; helper 218: packet length
    if r0 < 14 goto drop

    r1 = r10
    r1 += -24                   ; dst: 2 bytes of ethertype
    r2 = 2
    r3 = r10
    r3 += -16
    r4 = 12
    r5 = 0
    call bpf_dynptr_read        ; helper 201
    r6 = *(u16 *)(r10 - 24)

    r1 = r10
    r1 += -16
    r2 = 14
    call bpf_dynptr_advance     ; helper 214: skip the Ethernet header

    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    r3 = 0
    call bpf_dynptr_clone       ; helper 220: clone with an offset argument

    r1 = r10
    r1 += -32
    call bpf_dynptr_is_rdonly   ; helper 217
    r1 = r10
    r1 += -32
    call bpf_dynptr_is_null     ; helper 216

    r1 = r10
    r1 += -32
    call bpf_dynptr_get_offset  ; helper 219: 14

    if r6 != 0x8 goto drop      ; ETH_P_IP (0x0800 in network order)
    r0 = 2                      ; XDP_PASS
    exit
drop:
    r0 = 1                      ; XDP_DROP
    exit
