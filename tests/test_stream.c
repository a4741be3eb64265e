/*
 * test_stream.c -- end-to-end: `lede run` as a streaming filter between pipes (issue #6).
 *
 * The real binary runs with pipes on both ends, driven from here with poll() so that no
 * test can hang: a record written to an input that then stays open comes out before the
 * input ends, and a SIGINT or SIGTERM in the middle of a fast stream ends the run with
 * whole records and the exit status 128 + the signal, a second signal at once. Every wait
 * has a generous deadline (tens of seconds, for a loaded machine or a sanitizer build);
 * none asserts that something is fast.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_groups.h"

#define DEADLINE_MS 60000
#define RECORD "{\"id\":\"x\",\"text\":\"He said \\\"hi there.\\\"\"}\n"

/* A running lede: its pipes, in its own process group (as a job at a terminal is). */
typedef struct proc {
    pid_t pid;
    int in, out;    /* its stdin (-1 when it reads from a feeder) and stdout */
    char err[64];   /* its stderr, a file */
    char marks[64]; /* teststage_fault's marks (TESTSTAGE_FAULT_MARKS): an 'H' per hang */
    char *buf;      /* stdout read so far */
    size_t len, cap;
} proc;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* Starts LEDE_BIN with args (NULL-terminated, after "lede"); stdin from in_fd, or a new
 * pipe when in_fd < 0; stdout to out_fd, or a new pipe (p.out) when out_fd < 0. The signals
 * lede catches start with their default disposition, whatever the test runner left. */
static proc spawn_to(const char *const *args, int in_fd, int out_fd)
{
    proc p;
    int to[2] = {-1, -1}, from[2];
    const char *argv[32];
    size_t n = 0;

    memset(&p, 0, sizeof p);
    argv[n++] = LEDE_BIN;
    for (; *args && n < 31; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    snprintf(p.err, sizeof p.err, "/tmp/lede-stream-%d.err", (int)getpid());
    snprintf(p.marks, sizeof p.marks, "/tmp/lede-stream-%d.marks", (int)getpid());
    unlink(p.marks);
    assert_int_equal(in_fd < 0 ? pipe(to) : 0, 0);
    if (out_fd < 0)
        assert_int_equal(pipe(from), 0);
    else
        from[0] = -1, from[1] = out_fd;
    p.pid = fork();
    assert_true(p.pid >= 0);
    if (p.pid == 0) {
        sigset_t none;
        int e = open(p.err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        setpgid(0, 0);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        dup2(in_fd < 0 ? to[0] : in_fd, 0);
        dup2(from[1], 1);
        dup2(e, 2);
        for (int fd = 3; fd < 256; fd++)
            close(fd);
        setenv("LEDE_PLUGIN_PATH", LEDE_TEST_STAGE_DIR, 1);
        setenv("TESTSTAGE_FAULT_MARKS", p.marks, 1);
        execv(LEDE_BIN, (char *const *)argv);
        _exit(127);
    }
    setpgid(p.pid, p.pid); /* also here: no signal may reach it before it has its group */
    if (in_fd < 0) {
        close(to[0]);
        p.in = to[1];
    } else {
        p.in = -1;
    }
    if (out_fd < 0)
        close(from[1]);
    p.out = from[0];
    return p;
}

static proc spawn(const char *const *args, int in_fd)
{
    return spawn_to(args, in_fd, -1);
}

/* Reads what lede wrote until pred(p) holds or its stdout ends; 1 when pred holds, 0 at
 * the end of its output, -1 when the deadline passed first. */
static int read_until(proc *p, int (*pred)(const proc *), int deadline_ms)
{
    double end = now_ms() + deadline_ms;
    for (;;) {
        if (pred && pred(p))
            return 1;
        double left = end - now_ms();
        if (left <= 0)
            return -1;
        struct pollfd pfd = {.fd = p->out, .events = POLLIN};
        int got = poll(&pfd, 1, (int)left);
        if (got < 0 && errno == EINTR)
            continue;
        assert_true(got >= 0);
        if (got == 0)
            continue;
        if (p->len + 65536 + 1 > p->cap) {
            p->cap = (p->len + 65536 + 1) * 2;
            p->buf = realloc(p->buf, p->cap);
            assert_non_null(p->buf);
        }
        ssize_t n = read(p->out, p->buf + p->len, 65536);
        if (n < 0 && errno == EINTR)
            continue;
        assert_true(n >= 0);
        if (n == 0)
            return 0;
        p->len += (size_t)n;
        p->buf[p->len] = '\0';
    }
}

static size_t count_lines(const proc *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->len; i++)
        n += p->buf[i] == '\n';
    return n;
}

static int has_one_line(const proc *p)
{
    return count_lines(p) >= 1;
}

static int has_two_lines(const proc *p)
{
    return count_lines(p) >= 2;
}

static int has_many_lines(const proc *p)
{
    return count_lines(p) >= 50;
}

/* Waits for lede to exit (deadline_ms; -1 when it has not) and returns its wait status. */
static int wait_exit(pid_t pid, int deadline_ms, int *status)
{
    double end = now_ms() + deadline_ms;
    for (;;) {
        pid_t got = waitpid(pid, status, WNOHANG);
        assert_true(got >= 0);
        if (got == pid)
            return 0;
        if (now_ms() > end)
            return -1;
        sleep_ms(20);
    }
}

/* Polls ready(p, arg) every 10 ms until it holds: 1; or, when the deadline passes first, kills
 * lede's process group, reaps lede and returns 0, for the caller to fail with its message. */
static int wait_for(proc *p, int (*ready)(const proc *, void *), void *arg)
{
    double end = now_ms() + DEADLINE_MS;
    while (!ready(p, arg)) {
        if (now_ms() > end) {
            kill(-p->pid, SIGKILL);
            waitpid(p->pid, NULL, 0);
            return 0;
        }
        sleep_ms(10);
    }
    return 1;
}

/* wait_for(): whether teststage_fault has marked *(long *)n documents hanging. */
static int has_hanging(const proc *p, void *n)
{
    struct stat st;
    return stat(p->marks, &st) == 0 && st.st_size >= *(long *)n;
}

/* Waits until teststage_fault has n documents hanging (its marks): a signal sent then finds
 * them read and hung, however long lede took to start and read them on a loaded machine.
 * Kills lede's group and fails when they do not hang within the deadline. */
static void wait_hanging(proc *p, long n, const char *what)
{
    if (!wait_for(p, has_hanging, &n))
        fail_msg("%s: %ld document(s) did not hang in teststage_fault within %d s", what, n,
                 DEADLINE_MS / 1000);
}

/* Reads lede's output to its end and its exit status; kills its process group and fails
 * when either takes longer than the deadline. */
static int finish(proc *p)
{
    int status = 0;
    int end = read_until(p, NULL, DEADLINE_MS);
    if (end < 0 || wait_exit(p->pid, DEADLINE_MS, &status) < 0) {
        kill(-p->pid, SIGKILL);
        waitpid(p->pid, &status, 0);
        fail_msg("lede did not end within %d s", DEADLINE_MS / 1000);
    }
    return status;
}

static char *slurp_err(const proc *p)
{
    FILE *f = fopen(p->err, "rb");
    char *buf = calloc(1, 65536);
    assert_non_null(f);
    assert_non_null(buf);
    size_t n = fread(buf, 1, 65535, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Whether lede's stderr (so far; it may not exist yet) holds s. */
static int err_has(const proc *p, const char *s)
{
    char buf[4096];
    FILE *f = fopen(p->err, "rb");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return strstr(buf, s) != NULL;
}

/* wait_for(): err_has() for the string s. */
static int err_says(const proc *p, void *s)
{
    return err_has(p, s);
}

static void release(proc *p)
{
    if (p->in >= 0)
        close(p->in);
    if (p->out >= 0)
        close(p->out);
    unlink(p->err);
    unlink(p->marks);
    free(p->buf);
}

static void write_all(int fd, const char *s)
{
    size_t len = strlen(s);
    while (len) {
        ssize_t n = write(fd, s, len);
        if (n < 0 && errno == EINTR)
            continue;
        assert_true(n > 0);
        s += n;
        len -= (size_t)n;
    }
}

/* Every line of the output is a JSON object with the id wanted, and it ends with a newline. */
static void assert_whole_records(const proc *p, const char *id)
{
    assert_true(p->len > 0);
    if (p->buf[p->len - 1] != '\n')
        fail_msg("the output ends mid-record: ...%s", p->buf + (p->len > 80 ? p->len - 80 : 0));
    char *copy = strdup(p->buf), *save = NULL;
    assert_non_null(copy);
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        json_error_t e;
        json_t *j = json_loads(line, 0, &e);
        if (!j)
            fail_msg("not a whole record (%s): %.200s", e.text, line);
        assert_string_equal(json_string_value(json_object_get(j, "id")), id);
        json_decref(j);
    }
    free(copy);
}

static const char *const *const modes[] = {
    (const char *const[]){"-j", "1", NULL},
    (const char *const[]){"-j", "2", NULL},
    (const char *const[]){"--isolate", NULL},
    (const char *const[]){"--isolate", "-j", "2", NULL},
};

/* A mode's options as one string, for messages. */
static const char *mode_name(const char *const *mode, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (; *mode && n < size; mode++)
        n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " " : "", *mode);
    return out;
}

/* The args of `lede run -c configs/batch-ndjson.cfg` with a mode's options. */
static void batch_args(const char **args, const char *const *mode)
{
    size_t n = 0;
    args[n++] = "run";
    args[n++] = "-c";
    args[n++] = "configs/batch-ndjson.cfg";
    for (; *mode; mode++)
        args[n++] = *mode;
    args[n] = NULL;
}

/* `(echo RECORD; sleep 5) | lede run ...`: the record comes out while the input waits,
 * with one worker or several, in-process or isolated; so does the next one. */
static void test_a_record_comes_out_while_the_input_stays_open(void **state)
{
    (void)state;
    for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
        const char *args[16];
        char name[64];
        batch_args(args, modes[m]);
        proc p = spawn(args, -1);
        write_all(p.in, "{\"id\":\"a\",\"text\":\"He said: \\u201cWe will win.\\u201d\"}\n");
        if (read_until(&p, has_one_line, DEADLINE_MS) != 1) {
            kill(-p.pid, SIGKILL);
            fail_msg("%s: no record while the input stayed open (%zu bytes out)",
                     mode_name(modes[m], name, sizeof name), p.len);
        }
        assert_non_null(strstr(p.buf, "{\"id\":\"a\",\"sentences\":["));
        write_all(p.in, "{\"id\":\"b\",\"text\":\"Short one.\"}\n");
        if (read_until(&p, has_two_lines, DEADLINE_MS) != 1) {
            kill(-p.pid, SIGKILL);
            fail_msg("%s: no second record while the input stayed open",
                     mode_name(modes[m], name, sizeof name));
        }
        close(p.in);
        p.in = -1;
        int status = finish(&p);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
        assert_int_equal(count_lines(&p), 2);
        assert_non_null(strstr(p.buf, "\n{\"id\":\"b\","));
        release(&p);
    }
}

/* A feeder like `yes RECORD`: writes records until its reader is gone. */
static pid_t feeder(int *read_end)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        static char block[65536];
        size_t one = strlen(RECORD), n = 0;
        close(fds[0]);
        signal(SIGPIPE, SIG_DFL);
        while (n + one <= sizeof block) {
            memcpy(block + n, RECORD, one);
            n += one;
        }
        for (;;)
            if (write(fds[1], block, n) < 0 && errno != EINTR)
                _exit(0);
    }
    close(fds[1]);
    *read_end = fds[0];
    return pid;
}

/* `yes RECORD | lede run ...` stopped by SIGINT (at a terminal: the whole process group,
 * worker processes too) or SIGTERM (lede alone), mid-stream: whole records only, the
 * exit status 128 + the signal, and a note on stderr. */
static void test_a_signal_mid_stream_leaves_whole_records(void **state)
{
    (void)state;
    const int sigs[] = {SIGINT, SIGTERM};
    for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
        for (size_t s = 0; s < 2; s++) {
            const char *args[16];
            char name[64];
            int in;
            batch_args(args, modes[m]);
            pid_t feed = feeder(&in);
            proc p = spawn(args, in);
            close(in);
            if (read_until(&p, has_many_lines, DEADLINE_MS) != 1) {
                kill(-p.pid, SIGKILL);
                kill(feed, SIGKILL);
                fail_msg("%s: no output from a fast stream",
                         mode_name(modes[m], name, sizeof name));
            }
            if (sigs[s] == SIGINT)
                kill(-p.pid, SIGINT); /* ctrl-C at a terminal */
            else
                kill(p.pid, SIGTERM);
            int status = finish(&p);
            kill(feed, SIGKILL);
            waitpid(feed, NULL, 0);
            if (!WIFEXITED(status))
                fail_msg("%s: lede died of signal %d instead of exiting",
                         mode_name(modes[m], name, sizeof name),
                         WIFSIGNALED(status) ? WTERMSIG(status) : -1);
            assert_int_equal(WEXITSTATUS(status), 128 + sigs[s]);
            assert_whole_records(&p, "x");
            char *err = slurp_err(&p);
            assert_non_null(strstr(err, sigs[s] == SIGINT ? "lede: interrupted (SIGINT): "
                                                          : "lede: terminated (SIGTERM): "));
            assert_non_null(strstr(err, "stopped reading input"));
            free(err);
            release(&p);
        }
    }
}

/* Whether a process of group pgid is still running (zombies, which their new parent reaps
 * when it will, do not count). */
static int group_alive(pid_t pgid)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int alive = 0;
    assert_non_null(d);
    while (!alive && (e = readdir(d))) {
        char path[300], stat[512];
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t n = fread(stat, 1, sizeof stat - 1, f);
        fclose(f);
        stat[n] = '\0';
        char *close_paren = strrchr(stat, ')'), state;
        int ppid, pgrp;
        if (close_paren && sscanf(close_paren + 1, " %c %d %d", &state, &ppid, &pgrp) == 3 &&
            pgrp == pgid && state != 'Z')
            alive = 1;
    }
    closedir(d);
    return alive;
}

/* wait_for(): whether every process of lede's group has ended. */
static int group_gone(const proc *p, void *unused)
{
    (void)unused;
    return !group_alive(p->pid);
}

/* A stage that never returns (teststage_fault on HANG_HERE) holds up the first signal's
 * clean end; a second one, later than the first, ends lede at once, isolated worker
 * processes too (a process group's ctrl-C, twice). */
static void test_a_second_signal_ends_a_hung_run_at_once(void **state)
{
    (void)state;
    const char *const extra[][4] = {{"-j", "1", NULL}, {"--isolate", NULL}};
    for (size_t m = 0; m < 2; m++) {
        const char *args[16] = {"run", "-i", "ndjson", "-p",
                                "teststage_fault ! exporter format=ndjson"};
        size_t n = 5;
        for (const char *const *o = extra[m]; *o; o++)
            args[n++] = *o;
        args[n] = NULL;
        proc p = spawn(args, -1);
        int status;
        write_all(p.in, "{\"id\":\"a\",\"text\":\"HANG_HERE\"}\n");
        /* The first signal comes once the document hangs (before it is read, lede would stop
         * cleanly, as it should): then the run cannot end before its grace period (3 s). */
        wait_hanging(&p, 1, extra[m][0]);
        double sent = now_ms();
        kill(-p.pid, SIGINT);
        /* A repeat from the same sender within a second is the same request (runner.c): the
         * second comes 1.5 s after the first, well within the grace period. Only a machine
         * so loaded that this process slept through the rest of it (3 s) sees the grace
         * period end the run instead, by the same signal: that is no failure of lede's. */
        if (wait_exit(p.pid, 1500, &status) == 0) {
            if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGINT || now_ms() - sent < 2900)
                fail_msg("%s: a hung run ended within 1.5 s of one SIGINT (status %d)", extra[m][0],
                         status);
        } else {
            kill(-p.pid, SIGINT); /* more than a second after the first: a second signal */
            if (wait_exit(p.pid, DEADLINE_MS, &status) < 0) {
                kill(-p.pid, SIGKILL);
                waitpid(p.pid, &status, 0);
                fail_msg("%s: a second SIGINT did not end lede", extra[m][0]);
            }
        }
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), SIGINT);
        if (!wait_for(&p, group_gone, NULL))
            fail_msg("%s: a worker process outlived lede", extra[m][0]);
        release(&p);
    }
}

/* The args of `lede run -i ndjson -p "teststage_fault ! exporter format=ndjson"` with a
 * mode's options, then input (or none when NULL). */
static void fault_args(const char **args, const char *const *mode, const char *input)
{
    size_t n = 0;
    args[n++] = "run";
    args[n++] = "-i";
    args[n++] = "ndjson";
    args[n++] = "-p";
    args[n++] = "teststage_fault ! exporter format=ndjson";
    for (; *mode; mode++)
        args[n++] = *mode;
    if (input)
        args[n++] = input;
    args[n] = NULL;
}

/* Waits for lede to die of sig (within the grace period and a generous margin), kills its
 * group and fails otherwise. */
static void expect_killed_by(proc *p, int sig, const char *what)
{
    int status;
    if (wait_exit(p->pid, DEADLINE_MS, &status) < 0) {
        kill(-p->pid, SIGKILL);
        waitpid(p->pid, &status, 0);
        fail_msg("%s: one signal did not end lede", what);
    }
    if (!WIFSIGNALED(status) || WTERMSIG(status) != sig)
        fail_msg("%s: lede ended with status %d, not by signal %d at the end of the grace period",
                 what, status, sig);
}

/* Reads what lede wrote, to the end of its output (it has exited). */
static void read_rest(proc *p)
{
    if (read_until(p, NULL, DEADLINE_MS) != 0)
        fail_msg("lede's output did not end");
}

/* A stage that never returns holds up a clean end: one SIGTERM, sent once the document
 * hangs, still ends lede, by the signal itself when the grace period is over, and the record
 * before the hang is out, whole (-j 2, --isolate: read from a file; -j 1: from a pipe, where
 * a finished record goes out by time). No worker process outlives lede. */
static void test_one_signal_ends_a_hung_run(void **state)
{
    (void)state;
    char path[64];
    snprintf(path, sizeof path, "/tmp/lede-stream-hang-%d.ndjson", (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"id\":\"a\",\"text\":\"ok.\"}\n{\"id\":\"a\",\"text\":\"HANG_HERE\"}\n", f);
    fclose(f);
    const char *const *const hang_modes[] = {
        (const char *const[]){"-j", "2", NULL},
        (const char *const[]){"--isolate", NULL},
        (const char *const[]){"--isolate", "-j", "2", NULL},
        (const char *const[]){"-j", "1", NULL},
    };
    for (size_t m = 0; m < sizeof hang_modes / sizeof *hang_modes; m++) {
        const char *args[16];
        char name[64];
        int piped = m == 3;
        mode_name(hang_modes[m], name, sizeof name);
        fault_args(args, hang_modes[m], piped ? NULL : path);
        proc p = spawn(args, -1);
        if (piped) {
            write_all(p.in,
                      "{\"id\":\"a\",\"text\":\"ok.\"}\n{\"id\":\"a\",\"text\":\"HANG_HERE\"}\n");
            if (read_until(&p, has_one_line, DEADLINE_MS) != 1) {
                kill(-p.pid, SIGKILL);
                fail_msg("%s: the record before the hang did not come out", name);
            }
        }
        /* Both documents are read and the second hangs, so the run cannot end cleanly; from
         * a file, the first record waits in the output (with -j 2, another worker may still
         * be finishing it: the stop lets it finish, and it is written whole all the same). */
        wait_hanging(&p, 1, name);
        kill(p.pid, SIGTERM); /* lede alone, as kill or timeout(1) do */
        expect_killed_by(&p, SIGTERM, name);
        read_rest(&p);
        assert_int_equal(count_lines(&p), 1);
        assert_whole_records(&p, "a");
        char *err = slurp_err(&p);
        assert_non_null(strstr(err, "did not end within 3 s of the signal"));
        free(err);
        if (!wait_for(&p, group_gone, NULL))
            fail_msg("%s: a worker process outlived lede", name);
        release(&p);
    }
    unlink(path);
}

/* Started with SIGALRM blocked (a parent's mask is inherited across exec), lede still
 * ends a hung run at the end of the grace period (a review's case: it never ended). */
static void test_the_grace_period_ends_a_run_started_with_sigalrm_blocked(void **state)
{
    (void)state;
    char path[64];
    snprintf(path, sizeof path, "/tmp/lede-stream-blk-%d.ndjson", (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"id\":\"a\",\"text\":\"HANG_HERE\"}\n", f);
    fclose(f);
    sigset_t alrm, old;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, &old);
    const char *args[16];
    fault_args(args, (const char *const[]){"-j", "1", NULL}, path);
    proc p = spawn(args, -1);
    sigprocmask(SIG_SETMASK, &old, NULL);
    wait_hanging(&p, 1, "SIGALRM blocked at start");
    kill(p.pid, SIGTERM);
    expect_killed_by(&p, SIGTERM, "SIGALRM blocked at start");
    release(&p);
    unlink(path);
}

/* Whether a thread of lede is blocked in the system call nr, on the file descriptor fd (any
 * when fd < 0), by /proc/PID/task/TID/syscall ("running" for a thread in none); -1 when the
 * kernel does not say. */
static int blocked_in(pid_t pid, long nr, long fd)
{
    char path[300];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *d = opendir(path);
    struct dirent *e;
    int found = -1;
    if (!d)
        return -1;
    while (found < 1 && (e = readdir(d))) {
        long got_nr;
        unsigned long got_fd;
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%d/task/%s/syscall", (int)pid, e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        int n = fscanf(f, "%ld %lx", &got_nr, &got_fd);
        fclose(f);
        found = n == 2 && got_nr == nr && (fd < 0 || got_fd == (unsigned long)fd);
    }
    closedir(d);
    return found;
}

/* Whether lede catches SIGTERM (its handler is set), by /proc/PID/status. */
static int catches_sigterm(pid_t pid)
{
    char path[64], line[256];
    unsigned long long caught = 0;
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "SigCgt: %llx", &caught) == 1)
            break;
    fclose(f);
    return caught >> (SIGTERM - 1) & 1;
}

/* Waits until lede catches SIGTERM and is blocked in the open() of a FIFO nobody opens (a
 * signal sent before would find no handler, or no FIFO yet); kills it and fails when it is
 * not within the deadline. Where the kernel does not say what a thread is blocked in, the
 * handler alone is waited for, and then a second. */
static int is_blocked_in_open(const proc *p, void *in_open)
{
    return catches_sigterm(p->pid) && (*(int *)in_open = blocked_in(p->pid, SYS_openat, -1)) != 0;
}

static void wait_blocked_in_open(proc *p)
{
    int in_open = 0;
    if (!wait_for(p, is_blocked_in_open, &in_open))
        fail_msg("lede did not block in the open() of the FIFO within %d s", DEADLINE_MS / 1000);
    if (in_open < 0)
        sleep_ms(1000);
}

/* Waits until lede's output pipe, which nobody reads, is full and a thread of lede is blocked
 * in a write to it (where the kernel says); kills lede and fails when it is not within the
 * deadline. The pipe's pages fill unevenly: "full" is 60,000 of its 65,536 bytes. */
static int is_output_full(const proc *p, void *queued)
{
    return ioctl(p->out, FIONREAD, (int *)queued) != 0 ||
           (*(int *)queued >= 60000 && blocked_in(p->pid, SYS_write, 1) != 0);
}

static void wait_output_full(proc *p)
{
    int queued = 0;
    if (!wait_for(p, is_output_full, &queued))
        fail_msg("the output pipe did not fill (%d bytes) with a write blocked on it", queued);
}

/* A FIFO nobody opens and an output nobody reads cannot hold up a stopped run either: one
 * SIGTERM, sent once lede waits for the open or for the write, ends it with the grace period. */
static void test_one_signal_ends_a_run_that_cannot_move(void **state)
{
    (void)state;
#ifdef LEDE_TEST_TSAN
    /* ThreadSanitizer's handler only queues a signal that comes during an intercepted call
     * it does not count as blocking, and open() is one: the kernel restarts the open of the
     * FIFO (SA_RESTART), the queued SIGTERM never reaches lede's handler, no grace period is
     * armed, and the run waits for a writer forever. Not lede's behaviour: skipped. */
    print_message("skipped under ThreadSanitizer: it holds back the SIGTERM that comes during "
                  "the blocking open() of a FIFO (see bench/RESULTS.md, tenth session)\n");
    skip();
#endif
    char fifo[64];
    snprintf(fifo, sizeof fifo, "/tmp/lede-stream-fifo-%d", (int)getpid());
    unlink(fifo);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    const char *args[16];
    fault_args(args, (const char *const[]){"-j", "1", NULL}, fifo);
    proc p = spawn(args, -1);
    wait_blocked_in_open(&p);
    kill(p.pid, SIGTERM);
    expect_killed_by(&p, SIGTERM, "an unopened FIFO");
    release(&p);
    unlink(fifo);

    /* A fast stream into a pipe that is never read: the writes block. */
    int in;
    pid_t feed = feeder(&in);
    batch_args(args, (const char *const[]){"-j", "2", NULL});
    p = spawn(args, in);
    close(in);
    wait_output_full(&p);
    kill(p.pid, SIGTERM);
    expect_killed_by(&p, SIGTERM, "an output nobody reads");
    kill(feed, SIGKILL);
    waitpid(feed, NULL, 0);
    release(&p);
}

static int has_line_count_6(const proc *p)
{
    return count_lines(p) >= 6;
}

/* Records read together from a pipe, each slow to process: each comes out as it is done,
 * while later ones are still being processed (a finished record waits for no other). */
static void test_records_come_out_while_later_ones_are_processed(void **state)
{
    (void)state;
    for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
        const char *args[16];
        char name[64], input[1024] = "";
        mode_name(modes[m], name, sizeof name);
        fault_args(args, modes[m], NULL);
        proc p = spawn(args, -1);
        /* Twelve documents of half a second each: 3 to 6 s of work in all. */
        for (int i = 0; i < 12; i++)
            strcat(input, "{\"id\":\"a\",\"text\":\"SLEEP_HERE x.\"}\n");
        write_all(p.in, input);
        if (read_until(&p, has_one_line, DEADLINE_MS) != 1) {
            kill(-p.pid, SIGKILL);
            fail_msg("%s: no record while the input stayed open", name);
        }
        size_t first = count_lines(&p);
        if (first >= 12)
            fail_msg("%s: the first record came out with all the others", name);
        assert_int_equal(read_until(&p, has_line_count_6, DEADLINE_MS), 1);
        close(p.in);
        p.in = -1;
        int status = finish(&p);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
        assert_int_equal(count_lines(&p), 12);
        assert_whole_records(&p, "a");
        release(&p);
    }
}

/* Records read together from a pipe that stays open: a quick one, then one that never ends
 * for every worker. The quick record comes out by time (LEDE_FLUSH_DELAY_MS) though no worker
 * is free to write or flush it and the input never waits: the main thread flushes it. */
static void test_a_record_comes_out_by_time_while_every_worker_hangs(void **state)
{
    (void)state;
    const char *const *const busy_modes[] = {
        (const char *const[]){"-j", "2", NULL},
        (const char *const[]){"-j", "3", NULL},
    };
    for (size_t m = 0; m < sizeof busy_modes / sizeof *busy_modes; m++) {
        const char *args[16];
        char name[64];
        mode_name(busy_modes[m], name, sizeof name);
        fault_args(args, busy_modes[m], NULL);
        proc p = spawn(args, -1);
        write_all(p.in, "{\"id\":\"a\",\"text\":\"ok.\"}\n"
                        "{\"id\":\"b\",\"text\":\"HANG_HERE\"}\n"
                        "{\"id\":\"b\",\"text\":\"HANG_HERE\"}\n"
                        "{\"id\":\"b\",\"text\":\"HANG_HERE\"}\n");
        int got = read_until(&p, has_one_line, DEADLINE_MS);
        kill(-p.pid, SIGKILL);
        waitpid(p.pid, NULL, 0);
        if (got != 1)
            fail_msg("%s: the record before the hanging ones did not come out", name);
        assert_int_equal(count_lines(&p), 1);
        assert_whole_records(&p, "a");
        release(&p);
    }
}

/* A signal to a run whose output fails (a full disk): the exit status is 1, since output
 * was lost, and the note on stderr does not claim that the documents were written. */
static void test_a_signal_after_a_write_failure_exits_1(void **state)
{
    (void)state;
    const char *const *const full_modes[] = {
        (const char *const[]){"-j", "1", NULL},
        (const char *const[]){"-j", "2", NULL},
        (const char *const[]){"--isolate", NULL},
    };
    for (size_t m = 0; m < sizeof full_modes / sizeof *full_modes; m++) {
        const char *args[16];
        char name[64];
        int full = open("/dev/full", O_WRONLY);
        assert_true(full >= 0);
        mode_name(full_modes[m], name, sizeof name);
        fault_args(args, full_modes[m], NULL);
        proc p = spawn_to(args, -1, full);
        close(full);
        /* The first record's flush fails; the slow ones keep the run going meanwhile. */
        write_all(p.in, "{\"id\":\"a\",\"text\":\"Hi.\"}\n{\"id\":\"b\",\"text\":\"SLEEP_HERE "
                        "x.\"}\n{\"id\":\"c\",\"text\":\"SLEEP_HERE x.\"}\n");
        if (!wait_for(&p, err_says, "No space left"))
            fail_msg("%s: the write to /dev/full did not fail", name);
        char *err;
        kill(p.pid, SIGTERM);
        int status;
        if (wait_exit(p.pid, DEADLINE_MS, &status) < 0) {
            kill(-p.pid, SIGKILL);
            waitpid(p.pid, &status, 0);
            fail_msg("%s: lede did not end", name);
        }
        if (!WIFEXITED(status))
            fail_msg("%s: lede died of signal %d", name,
                     WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        assert_int_equal(WEXITSTATUS(status), 1);
        err = slurp_err(&p);
        if (strstr(err, "were written"))
            fail_msg("%s: the note claims what failed: %s", name, err);
        /* Unless the run had ended before the signal came, the note says that it failed. */
        if (strstr(err, "terminated (SIGTERM)"))
            assert_non_null(strstr(err, "the run failed"));
        free(err);
        release(&p);
    }
}

/* A write that fails while the reader waits for input ends the run: the output is gone, so
 * no more input is waited for (`tail -f log | lede | head`). A worker finishes a slow record
 * after stdout is closed while another waits for input that never comes; a review found that
 * nothing woke the reader then, and lede waited for the next input forever. */
static void test_a_write_failure_ends_a_run_waiting_for_input(void **state)
{
    (void)state;
    const char *const *const pool_modes[] = {
        (const char *const[]){"-j", "2", NULL},
        (const char *const[]){"-j", "3", NULL},
    };
    for (size_t m = 0; m < sizeof pool_modes / sizeof *pool_modes; m++) {
        const char *args[16];
        char name[64];
        int status;
        mode_name(pool_modes[m], name, sizeof name);
        fault_args(args, pool_modes[m], NULL);
        proc p = spawn(args, -1);
        write_all(p.in, "{\"id\":\"a\",\"text\":\"ok.\"}\n");
        if (read_until(&p, has_one_line, DEADLINE_MS) != 1) {
            kill(-p.pid, SIGKILL);
            fail_msg("%s: no record while the input stayed open", name);
        }
        close(p.out); /* nobody reads the output any more */
        p.out = -1;
        /* Half a second in a worker; the other one reads on and waits for input. */
        write_all(p.in, "{\"id\":\"b\",\"text\":\"SLEEP_HERE x.\"}\n");
        if (wait_exit(p.pid, DEADLINE_MS, &status) < 0) {
            kill(-p.pid, SIGKILL);
            waitpid(p.pid, &status, 0);
            fail_msg("%s: lede waited for input after its output was gone", name);
        }
        if (!WIFEXITED(status))
            fail_msg("%s: lede died of signal %d", name,
                     WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        release(&p);
    }
}

/* The main thread's context switches so far (voluntary and not), from
 * /proc/PID/task/PID/status. */
static long main_thread_switches(pid_t pid)
{
    char path[64], line[256];
    long total = 0, n;
    snprintf(path, sizeof path, "/proc/%d/task/%d/status", (int)pid, (int)pid);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "voluntary_ctxt_switches: %ld", &n) == 1 ||
            sscanf(line, "nonvoluntary_ctxt_switches: %ld", &n) == 1)
            total += n;
    fclose(f);
    return total;
}

/* Stopped by a signal while a worker's write blocks on an output nobody reads yet: the main
 * thread, which flushes what is written after a stop signal, sleeps while the writer writes
 * (a review found it spinning: 35,000 context switches and 0.7 s of CPU in 3 s). Its context
 * switches count, not its CPU time, which a loaded machine would cut short. */
static void test_a_stopped_run_blocked_on_output_does_not_spin(void **state)
{
    (void)state;
    char path[64];
    snprintf(path, sizeof path, "/tmp/lede-stream-spin-%d.ndjson", (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 5000; i++)
        fputs(RECORD, f);
    fclose(f);
    const char *args[16] = {"run", "-c", "configs/batch-ndjson.cfg", "-j", "2", path, NULL};
    proc p = spawn(args, -1);
    wait_output_full(&p); /* the writer blocks in its write */
    long before = main_thread_switches(p.pid);
    double from = now_ms();
    kill(p.pid, SIGTERM);
    /* Half a second of waiting, counted from the clock: a loaded machine may sleep this
     * process longer, and the rate below is per second actually waited. The grace period
     * (3 s) must not end first (lede would die of the signal, and the check below fails on
     * that): half a second leaves 2.5 s for a late wake-up. */
    sleep_ms(500);
    long switches = main_thread_switches(p.pid) - before;
    double waited = (now_ms() - from) / 1e3;
    int status = finish(&p);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 128 + SIGTERM);
    assert_whole_records(&p, "x");
    /* Asleep, it wakes about ten times a second (MAIN_TICK_MS); spinning, thousands. */
    if ((double)switches > 200 * waited)
        fail_msg("the main thread switched %ld times in %.2f s of waiting", switches, waited);
    release(&p);
    unlink(path);
}

/* Four groups of about the same length (tens of seconds each, most of it waiting on timers:
 * the 3 s grace period, slow documents), run side by side by ctest (test_groups.h). */
int main(int argc, char **argv)
{
    static const struct CMUnitTest slow_records[] = {
        cmocka_unit_test(test_records_come_out_while_later_ones_are_processed),
    };
    static const struct CMUnitTest hung_runs[] = {
        cmocka_unit_test(test_one_signal_ends_a_hung_run),
    };
    static const struct CMUnitTest grace_period[] = {
        cmocka_unit_test(test_the_grace_period_ends_a_run_started_with_sigalrm_blocked),
        cmocka_unit_test(test_one_signal_ends_a_run_that_cannot_move),
    };
    static const struct CMUnitTest signals[] = {
        cmocka_unit_test(test_a_record_comes_out_while_the_input_stays_open),
        cmocka_unit_test(test_a_signal_mid_stream_leaves_whole_records),
        cmocka_unit_test(test_a_second_signal_ends_a_hung_run_at_once),
        cmocka_unit_test(test_a_record_comes_out_by_time_while_every_worker_hangs),
        cmocka_unit_test(test_a_signal_after_a_write_failure_exits_1),
        cmocka_unit_test(test_a_write_failure_ends_a_run_waiting_for_input),
        cmocka_unit_test(test_a_stopped_run_blocked_on_output_does_not_spin),
    };
    static const test_group groups[] = {
        TEST_GROUP("slow_records", slow_records),
        TEST_GROUP("hung_runs", hung_runs),
        TEST_GROUP("grace_period", grace_period),
        TEST_GROUP("signals", signals),
    };
    return run_test_groups(argc, argv, groups, sizeof groups / sizeof *groups, NULL, NULL);
}
