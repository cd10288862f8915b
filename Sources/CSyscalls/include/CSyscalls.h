/* Linux calls that Swift's Glibc module does not expose (epoll, accept4,
   signalfd, eventfd, inotify). Compiled with _GNU_SOURCE in syscalls.c and
   declared here with plain types, so Swift never sees a packed struct. */
#ifndef CSYSCALLS_H
#define CSYSCALLS_H

#include <stdint.h>

/* One ready file descriptor as epoll reports it. */
typedef struct {
    uint32_t events;
    uint64_t data;
} cs_event;

enum {
    CS_EPOLLIN = 0x001,
    CS_EPOLLOUT = 0x004,
    CS_EPOLLERR = 0x008,
    CS_EPOLLHUP = 0x010,
    CS_EPOLLRDHUP = 0x2000,
    CS_EPOLLEXCLUSIVE = 1u << 28,
    CS_EPOLLET = 1u << 31,
};

int cs_epoll_create(void);
int cs_epoll_add(int epfd, int fd, uint32_t events, uint64_t data);
int cs_epoll_modify(int epfd, int fd, uint32_t events, uint64_t data);
int cs_epoll_delete(int epfd, int fd);
int cs_epoll_wait(int epfd, cs_event *events, int max, int timeout_ms);

/* accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC. */
int cs_accept(int fd);
/* Blocks SIGTERM, SIGINT, SIGHUP, SIGPIPE and returns a signalfd for the first three. */
int cs_signalfd(void);
/* Reads one signal from a signalfd: the signal number, 0 when none, -1 on error. */
int cs_signalfd_read(int fd);
int cs_eventfd(void);
int cs_inotify_init(void);
int cs_inotify_watch_directory(int fd, const char *path);
/* Raises the soft RLIMIT_NOFILE to at least `wanted` (bounded by the hard limit); returns the new soft limit. */
long cs_raise_nofile(long wanted);
/* Sets or clears O_NONBLOCK and FD_CLOEXEC. */
int cs_set_nonblocking(int fd);
/* The peer of a connected socket: its family (AF_UNIX, AF_INET, AF_INET6) and
   for IP peers the address bytes (4 or 16) into `address`. */
int cs_peer(int fd, uint8_t address[16]);

int cs_listen_unix(const char *path, int backlog);
int cs_listen_tcp(const char *host, int port, int backlog);
/* 1 when something accepts connections on the Unix socket at path, else 0. */
int cs_unix_socket_answers(const char *path);
/* Socket type and listening state of an inherited fd: 1 when it is a listening stream socket. */
int cs_is_listening_stream(int fd);

/* Names the calling thread (≤ 15 bytes), as top -H and gdb show it. */
int cs_name_current_thread(const char *name);

/* pipe2 with O_CLOEXEC. */
int cs_pipe(int fds[2]);

#endif
