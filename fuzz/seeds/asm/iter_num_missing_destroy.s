; iter_num_missing_destroy: an open-coded iterator is a reference like a ring
; buffer reservation: every bpf_iter_num_new needs its bpf_iter_num_destroy.
; expect: reject
; message: Unreleased reference id=1
; upstream: reject "Unreleased reference id=1"
.program iter_num_missing_destroy raw_tp

	r1 = r10
	r1 += -8
	r2 = 0
	r3 = 3
	call bpf_iter_num_new
	r1 = r10
	r1 += -8
	call bpf_iter_num_next
	r0 = 0
	exit
