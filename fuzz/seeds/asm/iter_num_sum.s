; iter_num_sum: the upstream open-coded iterator bpf_iter_num_{new,next,destroy}
; in place of a callback: sum 0..9.
; expect: accept
; run: r0 = 45
; upstream: accept
.program iter_num_sum raw_tp

	r1 = r10
	r1 += -8
	r2 = 0
	r3 = 10
	call bpf_iter_num_new
	r6 = 0
next:
	r1 = r10
	r1 += -8
	call bpf_iter_num_next
	if r0 == 0 goto done
	r1 = *(u32 *)(r0 + 0)
	r6 += r1
	goto next
done:
	r1 = r10
	r1 += -8
	call bpf_iter_num_destroy
	r0 = r6
	exit
