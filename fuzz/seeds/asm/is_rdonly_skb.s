; Lesson: an skb dynptr is read-only where the program may not write the packet.
;
; In a cgroup_skb program, bpf_dynptr_from_skb makes a read-only dynptr
; (the Dynptrs panel shows the rdonly badge) and bpf_dynptr_is_rdonly
; returns 1. Switch the program type to tc: the same code gets a writable
; dynptr and is_rdonly returns 0. bpf_dynptr_write into the read-only one
; fails at run time with -EINVAL.
.program test_dynptr_is_rdonly cgroup_skb

    r6 = r1                     ; the context, struct __sk_buff *
    r1 = r6
    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_skb

    r1 = r10
    r1 += -16
    call bpf_dynptr_is_rdonly   ; 1 in cgroup_skb, 0 in tc
    r7 = r0

    r1 = 0x41
    *(u64 *)(r10 - 24) = r1
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = r10
    r3 += -24
    r4 = 1
    r5 = 0
    call bpf_dynptr_write       ; -EINVAL when read-only

    r0 = 1                      ; cgroup_skb: 1 lets the packet pass
    exit
