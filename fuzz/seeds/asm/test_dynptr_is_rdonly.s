; test_dynptr_is_rdonly: the skb dynptr of a cgroup_skb program is read-only;
; a null dynptr (failed reservation) and a local dynptr over a global are not.
; expect: accept
; packet: 00000000000000000000000008004500007b00000000000600000000000000000000000000000000000000000000500000000000007b
; run: r0 = 1
; run: err = 0
; ringbuf-records: 0
.program test_dynptr_is_rdonly cgroup_skb
.map ringbuf ringbuf max_entries=4096
.bss buf 8
.bss err 4

	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	r7 = r0
	r1 = ringbuf ll
	r2 = 8
	r3 = 1				; bad flags: a null dynptr
	r4 = r10
	r4 += -32
	call bpf_ringbuf_reserve_dynptr
	r1 = buf ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -48
	call bpf_dynptr_from_mem
	r6 = 1
	if r7 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_is_rdonly
	r6 = 2
	if r0 != 1 goto done
	r1 = r10
	r1 += -32
	call bpf_dynptr_is_rdonly
	r6 = 3
	if r0 != 0 goto done
	r1 = r10
	r1 += -48
	call bpf_dynptr_is_rdonly
	r6 = 4
	if r0 != 0 goto done
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r1 = r10
	r1 += -32
	r2 = 0
	call bpf_ringbuf_discard_dynptr
	r0 = 1
	exit
