/* Test annotations for `dynptr-play test`, in the style of the kernel
 * selftests' bpf_misc.h: each macro is a btf_decl_tag on the program's
 * function, which clang (-g) stores in .BTF as a DECL_TAG of the FUNC.
 *
 *   __success / __failure   the verifier accepts / rejects the program
 *                           (neither: accepted is expected)
 *   __msg(text)             text is in the verifier log; several must
 *                           appear in the order written; {{re}} is a regex
 *   __not_msg(text)         text is not in the log between the __msg
 *                           around it
 *   __log_level(n)          the verifier's log level (default 0: the log of
 *                           a rejected program only)
 *   __retval(v)             run the accepted program; r0 as a 32-bit int
 *                           must be v (a number, INT_MIN, INT_MAX,
 *                           TEST_DATA_LEN, or POINTER_VALUE: anything)
 *   __description(text)     the name printed instead of the function's
 *   __flag(flag)            a program load flag: BPF_F_STRICT_ALIGNMENT
 *                           (or its value, 1) is simulated; `!flag` clears
 *
 * The argument of __retval, __log_level and __flag is stringified
 * unexpanded, so the names above reach the test runner as names.
 */
#ifndef TEST_ANNOTATIONS_H
#define TEST_ANNOTATIONS_H

#define __test_tag(text) __attribute__((btf_decl_tag("comment:" text)))

#define __success		__test_tag("test_expect_success")
#define __failure		__test_tag("test_expect_failure")
#define __msg(text)		__test_tag("test_expect_msg=" text)
#define __not_msg(text)		__test_tag("test_expect_not_msg=" text)
#define __log_level(n)		__test_tag("test_log_level=" #n)
#define __retval(v)		__test_tag("test_retval=" #v)
#define __description(text)	__test_tag("test_description=" text)
#define __flag(flag)		__test_tag("test_prog_flags=" #flag)

#endif
