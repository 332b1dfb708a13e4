; xdp_slice_after_adjust_head: after bpf_xdp_adjust_head the packet starts
; elsewhere; a slice of the xdp dynptr taken before is refused.
; expect: reject
; message: invalid mem access 'scalar'
.program xdp_slice_after_adjust_head xdp

	r6 = r1
	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_xdp
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 14
	call bpf_dynptr_data		; the Ethernet header
	if r0 == 0 goto out
	r7 = r0
	r1 = r6
	r2 = 14
	call bpf_xdp_adjust_head	; strip it
	r0 = *(u8 *)(r7 + 13)		; stale
	r0 = 2
	exit
out:
	r0 = 2
	exit
