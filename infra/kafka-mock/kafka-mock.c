/*
 * kafka-mock: a Kafka wire-protocol test broker built on librdkafka's mock
 * cluster, driven over stdin/stdout by @tongxin/kafka-mock.
 *
 * Usage: kafka-mock [brokerCount]      (default 3)
 *
 * Protocol (one line each way):
 *   stdout, once at start:  BOOTSTRAP host:port,host:port,...
 *   stdin commands, each answered by "OK" or "ERR <reason>":
 *     down <brokerId> | up <brokerId>
 *     errors <apiKey> <count> <errCode>...
 *     rtt <brokerId> <ms>
 *     partitions <topic> <n> <replicationFactor>
 *     quit
 *   EOF on stdin, SIGTERM and SIGINT also shut down cleanly: EOF matters
 *   because it is how we notice the parent process died without telling us.
 *
 * Build: gcc -O2 -o build/kafka-mock kafka-mock.c -lrdkafka
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#define MAX_LINE 4096
#define MAX_ERRORS 256

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int sig) {
        (void)sig;
        stop_requested = 1;
}

static void reply_ok(void) {
        fputs("OK\n", stdout);
        fflush(stdout);
}

static void reply_err(const char *fmt, const char *detail) {
        fputs("ERR ", stdout);
        fprintf(stdout, fmt, detail ? detail : "");
        fputc('\n', stdout);
        fflush(stdout);
}

static void reply_rd(rd_kafka_resp_err_t err) {
        if (err)
                reply_err("%s", rd_kafka_err2str(err));
        else
                reply_ok();
}

/* strtol wrapper that rejects trailing junk, so "down 1x" is an error
 * rather than silently meaning broker 1. */
static int parse_long(const char *s, long *out) {
        char *end;
        if (!s || !*s)
                return -1;
        errno = 0;
        *out  = strtol(s, &end, 10);
        if (errno || *end)
                return -1;
        return 0;
}

static void handle(rd_kafka_mock_cluster_t *mc, char *line, int *quit) {
        char *save = NULL;
        char *cmd  = strtok_r(line, " \t\r\n", &save);
        long a, b;

        if (!cmd) {
                reply_err("%s", "empty command");
                return;
        }

        if (!strcmp(cmd, "quit")) {
                *quit = 1;
                reply_ok();

        } else if (!strcmp(cmd, "down") || !strcmp(cmd, "up")) {
                if (parse_long(strtok_r(NULL, " \t\r\n", &save), &a)) {
                        reply_err("usage: %s <brokerId>", cmd);
                        return;
                }
                reply_rd(!strcmp(cmd, "down")
                             ? rd_kafka_mock_broker_set_down(mc, (int32_t)a)
                             : rd_kafka_mock_broker_set_up(mc, (int32_t)a));

        } else if (!strcmp(cmd, "rtt")) {
                if (parse_long(strtok_r(NULL, " \t\r\n", &save), &a) ||
                    parse_long(strtok_r(NULL, " \t\r\n", &save), &b) || b < 0) {
                        reply_err("%s", "usage: rtt <brokerId> <ms>");
                        return;
                }
                reply_rd(rd_kafka_mock_broker_set_rtt(mc, (int32_t)a, (int)b));

        } else if (!strcmp(cmd, "errors")) {
                rd_kafka_resp_err_t errs[MAX_ERRORS];
                long api, cnt, i;
                if (parse_long(strtok_r(NULL, " \t\r\n", &save), &api) ||
                    parse_long(strtok_r(NULL, " \t\r\n", &save), &cnt) ||
                    api < 0 || api > 32767 || cnt < 1 || cnt > MAX_ERRORS) {
                        reply_err("%s",
                                  "usage: errors <apiKey> <count 1..256> "
                                  "<errCode>...");
                        return;
                }
                for (i = 0; i < cnt; i++) {
                        long code;
                        if (parse_long(strtok_r(NULL, " \t\r\n", &save),
                                       &code)) {
                                reply_err("%s",
                                          "fewer error codes than count");
                                return;
                        }
                        errs[i] = (rd_kafka_resp_err_t)code;
                }
                if (strtok_r(NULL, " \t\r\n", &save)) {
                        reply_err("%s", "more error codes than count");
                        return;
                }
                rd_kafka_mock_push_request_errors_array(mc, (int16_t)api,
                                                        (size_t)cnt, errs);
                reply_ok();

        } else if (!strcmp(cmd, "partitions")) {
                char *topic = strtok_r(NULL, " \t\r\n", &save);
                if (!topic ||
                    parse_long(strtok_r(NULL, " \t\r\n", &save), &a) ||
                    parse_long(strtok_r(NULL, " \t\r\n", &save), &b) ||
                    a < 1 || b < 1) {
                        reply_err("%s",
                                  "usage: partitions <topic> <n> "
                                  "<replicationFactor>");
                        return;
                }
                reply_rd(rd_kafka_mock_topic_create(mc, topic, (int)a, (int)b));

        } else {
                reply_err("unknown command: %s", cmd);
        }
}

int main(int argc, char **argv) {
        char errstr[512];
        char line[MAX_LINE];
        long broker_cnt = 3;
        rd_kafka_conf_t *conf;
        rd_kafka_t *rk;
        rd_kafka_mock_cluster_t *mc;
        struct sigaction sa;
        int quit = 0;

        if (argc > 1 && (parse_long(argv[1], &broker_cnt) || broker_cnt < 1 ||
                         broker_cnt > 64)) {
                fprintf(stderr, "kafka-mock: broker count must be 1..64\n");
                return 2;
        }

        /* No SA_RESTART: the blocking fgets() must return EINTR so the
         * loop can notice the stop request. */
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        /* A dead parent must not kill us mid-reply before cleanup. */
        signal(SIGPIPE, SIG_IGN);

        conf = rd_kafka_conf_new();
        /* The handle only owns the cluster; it never connects anywhere, so
         * keep its "no bootstrap.servers" chatter out of stderr. */
        rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof(errstr));
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                fprintf(stderr, "kafka-mock: rd_kafka_new failed: %s\n",
                        errstr);
                return 1;
        }

        mc = rd_kafka_mock_cluster_new(rk, (int)broker_cnt);
        if (!mc) {
                fprintf(stderr, "kafka-mock: mock cluster creation failed\n");
                rd_kafka_destroy(rk);
                return 1;
        }

        fprintf(stdout, "BOOTSTRAP %s\n", rd_kafka_mock_cluster_bootstraps(mc));
        fflush(stdout);

        while (!quit && !stop_requested) {
                if (!fgets(line, sizeof(line), stdin)) {
                        if (ferror(stdin) && errno == EINTR &&
                            !stop_requested) {
                                clearerr(stdin);
                                continue;
                        }
                        break;
                }
                if (!strchr(line, '\n') && !feof(stdin)) {
                        int c;
                        /* Drop the rest of an over-long line so it is not
                         * parsed as further commands. */
                        while ((c = fgetc(stdin)) != EOF && c != '\n')
                                ;
                        reply_err("%s", "line too long");
                        continue;
                }
                handle(mc, line, &quit);
        }

        rd_kafka_mock_cluster_destroy(mc);
        rd_kafka_destroy(rk);
        return 0;
}
