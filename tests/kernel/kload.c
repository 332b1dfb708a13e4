/* kload: load one BPF program from a clang object into the running kernel,
 * report the verifier's verdict and log, and (when accepted) test-run it.
 *
 *   kload OBJ PROG [--data HEX] [--ctx-in HEX] [--repeat N] [--log-level N]
 *         [--flags N]
 *
 * --flags N sets the program's load flags (BPF_F_STRICT_ALIGNMENT is 1).
 *
 * Prints exactly one JSON object on one line on stdout:
 *   {"verdict": "accept"|"reject"|"refused",
 *    "stage": "open"|"load"|"run"|"done",
 *    "err": <negative errno or 0>, "err_str": "...",
 *    "log": "<verifier log>",
 *    "retval": N, "duration": ns, "data_out": "HEX",
 *    "globals": [{"map": "NAME", "hex": "HEX"}...],
 *    "arrays": [{"map": "NAME", "hex": "HEX"}...],
 *    "ringbuf": [{"map": "NAME", "records": ["HEX", ...]}...]}
 *
 * "reject" means the verifier refused the program (a non-empty log);
 * "refused" means loading failed before the verifier said anything (no
 * CAP_BPF, a kfunc or program type the kernel lacks, a bad object), so a
 * caller should skip rather than compare. Exit status: 0 when a JSON line
 * was printed, 2 on bad usage.
 *
 * The other programs of the object are not loaded (autoload off), so one
 * object can hold accepted and rejected programs side by side.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define LOG_SIZE (16u << 20)
#define DATA_OUT_MAX (64u << 10)

/* ---- small JSON writer ------------------------------------------------ */

static void json_str(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0)
			break;
		switch (c) {
		case '"': fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default:
			if (c < 0x20 || c >= 0x7f)
				printf("\\u%04x", c);
			else
				putchar(c);
		}
	}
	putchar('"');
}

static void json_cstr(const char *s)
{
	json_str(s ? s : "", s ? strlen(s) : 0);
}

static void json_hex(const unsigned char *b, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++)
		printf("%02x", b[i]);
	putchar('"');
}

/* ---- arguments -------------------------------------------------------- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Parses HEX (whitespace allowed between bytes) into a fresh buffer. */
static unsigned char *parse_hex(const char *s, __u32 *len)
{
	size_t cap = strlen(s) / 2 + 1, n = 0;
	unsigned char *out = malloc(cap);
	if (!out)
		return NULL;
	while (*s) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == ':') { s++; continue; }
		int hi = hexval(s[0]), lo = s[1] ? hexval(s[1]) : -1;
		if (hi < 0 || lo < 0) { free(out); return NULL; }
		out[n++] = (unsigned char)(hi << 4 | lo);
		s += 2;
	}
	*len = (__u32)n;
	return out;
}

static void usage(void)
{
	fprintf(stderr, "usage: kload OBJ PROG [--data HEX] [--ctx-in HEX] "
			"[--repeat N] [--log-level N] [--flags N]\n");
	exit(2);
}

/* libbpf's own messages go to stderr, so stdout stays one JSON line. */
static int print_fn(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && !getenv("KLOAD_DEBUG"))
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* ---- ring buffer records ---------------------------------------------- */

struct records {
	int count;
	int first;
};

static int on_record(void *ctx, void *data, size_t size)
{
	struct records *r = ctx;
	if (r->count >= 256)
		return 0;
	if (!r->first)
		putchar(',');
	r->first = 0;
	json_hex(data, size);
	r->count++;
	return 0;
}

/* ---- main ------------------------------------------------------------- */

int main(int argc, char **argv)
{
	const char *obj_path, *prog_name;
	unsigned char *data = NULL, *ctx = NULL;
	__u32 data_len = 0, ctx_len = 0, log_level = 1, flags = 0;
	/* 0: the kernel runs once; syscall programs refuse any other value. */
	int repeat = 0;

	if (argc < 3)
		usage();
	obj_path = argv[1];
	prog_name = argv[2];
	for (int i = 3; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "--data")) {
			data = parse_hex(argv[++i], &data_len);
			if (!data) usage();
		} else if (!strcmp(argv[i], "--ctx-in")) {
			ctx = parse_hex(argv[++i], &ctx_len);
			if (!ctx) usage();
		} else if (!strcmp(argv[i], "--repeat")) {
			repeat = atoi(argv[++i]);
			if (repeat < 1) usage();
		} else if (!strcmp(argv[i], "--log-level")) {
			log_level = (__u32)atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--flags")) {
			flags = (__u32)strtoul(argv[++i], NULL, 0);
		} else {
			usage();
		}
	}

	libbpf_set_print(print_fn);

	const char *stage = "open", *verdict = "refused";
	int err = 0;
	char *log = calloc(1, LOG_SIZE);
	struct bpf_object *obj = NULL;
	struct bpf_program *prog = NULL, *p;
	struct bpf_test_run_opts topts = { .sz = sizeof(topts) };
	unsigned char *data_out = NULL;
	int ran = 0;

	if (!log) { err = -ENOMEM; goto out; }

	obj = bpf_object__open_file(obj_path, NULL);
	if (!obj) { err = -errno; goto out; }
	prog = bpf_object__find_program_by_name(obj, prog_name);
	if (!prog) { err = -ENOENT; goto out; }
	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, p == prog);
	bpf_program__set_log_buf(prog, log, LOG_SIZE);
	bpf_program__set_log_level(prog, log_level);
	if (flags)
		bpf_program__set_flags(prog, bpf_program__flags(prog) | flags);

	stage = "load";
	err = bpf_object__load(obj);
	if (err) {
		/* The verifier always explains a rejection; an empty log means the
		 * kernel or libbpf refused before verification started. */
		verdict = log[0] ? "reject" : "refused";
		goto out;
	}
	verdict = "accept";

	stage = "run";
	if (data) {
		data_out = calloc(1, DATA_OUT_MAX);
		if (!data_out) { err = -ENOMEM; goto out; }
		topts.data_in = data;
		topts.data_size_in = data_len;
		topts.data_out = data_out;
		topts.data_size_out = DATA_OUT_MAX;
	}
	if (ctx) {
		topts.ctx_in = ctx;
		topts.ctx_size_in = ctx_len;
	}
	topts.repeat = repeat;
	err = bpf_prog_test_run_opts(bpf_program__fd(prog), &topts);
	if (err) {
		err = -errno;
		goto out;
	}
	ran = 1;
	stage = "done";

out:
	printf("{\"verdict\":\"%s\",\"stage\":\"%s\",\"err\":%d,\"err_str\":",
	       verdict, stage, err);
	json_cstr(err ? strerror(-err) : "");
	printf(",\"log\":");
	json_cstr(log);
	if (ran) {
		printf(",\"retval\":%u,\"duration\":%u", topts.retval, topts.duration);
		if (data_out) {
			printf(",\"data_out\":");
			json_hex(data_out, topts.data_size_out);
		}
		/* Globals: the value of every internal (.bss/.data/...) map. */
		printf(",\"globals\":[");
		int first = 1;
		struct bpf_map *m;
		bpf_object__for_each_map(m, obj) {
			if (!bpf_map__is_internal(m) || bpf_map__fd(m) < 0)
				continue;
			__u32 vsz = bpf_map__value_size(m), key = 0;
			unsigned char *val = calloc(1, vsz ? vsz : 1);
			if (!val || bpf_map_lookup_elem(bpf_map__fd(m), &key, val)) {
				free(val);
				continue;
			}
			printf("%s{\"map\":", first ? "" : ",");
			json_cstr(bpf_map__name(m));
			printf(",\"hex\":");
			json_hex(val, vsz);
			putchar('}');
			first = 0;
			free(val);
		}
		/* Array maps: every value, in key order, one hex string. */
		printf("],\"arrays\":[");
		first = 1;
		bpf_object__for_each_map(m, obj) {
			if (bpf_map__is_internal(m) || bpf_map__fd(m) < 0 ||
			    bpf_map__type(m) != BPF_MAP_TYPE_ARRAY)
				continue;
			__u32 vsz = bpf_map__value_size(m), n = bpf_map__max_entries(m);
			unsigned char *val = calloc(1, vsz ? vsz : 1);
			if (!val)
				continue;
			printf("%s{\"map\":", first ? "" : ",");
			json_cstr(bpf_map__name(m));
			printf(",\"hex\":\"");
			for (__u32 key = 0; key < n; key++) {
				memset(val, 0, vsz);
				bpf_map_lookup_elem(bpf_map__fd(m), &key, val);
				for (__u32 i = 0; i < vsz; i++)
					printf("%02x", val[i]);
			}
			printf("\"}");
			first = 0;
			free(val);
		}
		/* Ring buffers: every submitted record, in order. */
		printf("],\"ringbuf\":[");
		first = 1;
		bpf_object__for_each_map(m, obj) {
			if (bpf_map__type(m) != BPF_MAP_TYPE_RINGBUF || bpf_map__fd(m) < 0)
				continue;
			struct records r = { .count = 0, .first = 1 };
			printf("%s{\"map\":", first ? "" : ",");
			json_cstr(bpf_map__name(m));
			printf(",\"records\":[");
			struct ring_buffer *rb = ring_buffer__new(bpf_map__fd(m), on_record, &r, NULL);
			if (rb) {
				ring_buffer__consume(rb);
				ring_buffer__free(rb);
			}
			printf("]}");
			first = 0;
		}
		putchar(']');
	}
	printf("}\n");
	bpf_object__close(obj);
	free(log);
	free(data);
	free(ctx);
	free(data_out);
	return 0;
}
