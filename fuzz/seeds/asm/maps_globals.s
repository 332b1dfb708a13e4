; Lesson: maps, globals and the other base helpers.
;
; A hash map counts calls per pid; a global in .data counts runs; the
; program prints with bpf_trace_printk (Maps & output panel). Every run is
; reproducible: the clock, the pid and the random numbers are simulated
; with fixed seeds.
.program maps_globals syscall
.map counts hash key=4 value=8 max_entries=16
.data runs 8 = 0
.rodata fmt 12 = "pid %d r %x"

    call bpf_get_current_pid_tgid
    *(u32 *)(r10 - 4) = r0      ; key: the pid (low 32 bits)
    r6 = r0
    r6 &= 0xffffffff

    call bpf_ktime_get_ns
    *(u64 *)(r10 - 16) = r0     ; value: the time

    r1 = counts ll
    r2 = r10
    r2 += -4
    r3 = r10
    r3 += -16
    r4 = 0                      ; BPF_ANY
    call bpf_map_update_elem

    r1 = counts ll
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto out

    r1 = runs ll                ; &runs, a global
    r2 = *(u64 *)(r1 + 0)
    r2 += 1
    *(u64 *)(r1 + 0) = r2

    call bpf_get_prandom_u32
    r4 = r0
    r1 = fmt ll
    r2 = 12                     ; sizeof(fmt), NUL included
    r3 = r6                     ; %d
    r5 = 0                      ; the third argument is always passed
    call bpf_trace_printk

    r1 = counts ll
    r2 = r10
    r2 += -4
    call bpf_map_delete_elem    ; 0: the entry existed
out:
    r0 = 0
    exit
