// SPDX-License-Identifier: GPL-2.0
/* Loads one program of a clang-built BPF object into the running kernel with
 * libbpf and prints the kernel verifier's verdict and the end of its log:
 *
 *   kernel_check OBJ PROG
 *
 * Output: "PROG: accept" or "PROG: reject: <last log line>", then the two
 * log lines before it. Exit 0 on accept, 1 on reject, 2 on usage/open errors.
 * Used to cross-check the corpus' expectations for programs that only use
 * upstream helpers and kfuncs (see docs/corpus.md); it needs root.
 */
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

static char log_buf[1 << 20];

static int quiet(enum libbpf_print_level level, const char *fmt, va_list args)
{
	return 0;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *prog, *p;
	char *line, *lines[3] = {};
	int err, i;

	if (argc != 3) {
		fprintf(stderr, "usage: %s OBJ PROG\n", argv[0]);
		return 2;
	}
	libbpf_set_print(quiet);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "cannot open %s\n", argv[1]);
		return 2;
	}
	prog = bpf_object__find_program_by_name(obj, argv[2]);
	if (!prog) {
		fprintf(stderr, "no program %s in %s\n", argv[2], argv[1]);
		return 2;
	}
	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, p == prog);
	bpf_program__set_log_buf(prog, log_buf, sizeof(log_buf));
	bpf_program__set_log_level(prog, 1);
	err = bpf_object__load(obj);
	/* the last three lines before the statistics */
	for (line = strtok(log_buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strncmp(line, "processed ", 10) || !strncmp(line, "verification time", 17) ||
		    !strncmp(line, "stack depth", 11))
			continue;
		lines[0] = lines[1];
		lines[1] = lines[2];
		lines[2] = line;
	}
	if (err) {
		printf("%s: reject: %s\n", argv[2], lines[2] ? lines[2] : "(no log)");
		for (i = 0; i < 2; i++)
			if (lines[i])
				printf("    %s\n", lines[i]);
	} else {
		printf("%s: accept\n", argv[2]);
	}
	bpf_object__close(obj);
	return err ? 1 : 0;
}
