; clone_xdp_packet_data: bpf_xdp_adjust_head moves the start of the packet, so
; every data slice of an xdp dynptr dies, including slices of clones.
; expect: reject
; message: invalid mem access 'scalar'
.program clone_xdp_packet_data xdp

	r6 = r1
	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_xdp
	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -32
	r3 = 0
	call bpf_dynptr_clone
	r1 = r10
	r1 += -32
	r2 = 0
	r3 = 2
	call bpf_dynptr_data		; slice of the clone
	if r0 == 0 goto out
	r7 = r0
	r1 = r6
	r2 = 4
	call bpf_xdp_adjust_head	; changes packet data
	r1 = 0
	*(u16 *)(r7 + 0) = r1		; R7 is a scalar now
out:
	r0 = 2
	exit
