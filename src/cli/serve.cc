// qaextract serve [--port 8080] [--host 127.0.0.1] [--rules DIR] [FILE...]
//
// The rule playground (src/serve/playground.h) behind cpp-httplib. Binds to
// loopback unless --host says otherwise; only the files named here can be
// read by the page.
#include <httplib.h>

#include <cerrno>
#include <csignal>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/serve.h"
#include "qaextract/playground.h"

namespace qaextract::cli {
namespace {

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string rules;
  std::vector<std::string> files;
  std::size_t max_request_bytes = 8u << 20;
};

httplib::Server* g_server = nullptr;

void StopOnSignal(int) {
  if (g_server) g_server->stop();
}

void Send(const serve::Response& r, httplib::Response* res) {
  res->status = r.status;
  res->set_content(r.body, r.content_type);
  // The page and its API are one origin; nothing else may frame or call it.
  res->set_header("X-Content-Type-Options", "nosniff");
  res->set_header("X-Frame-Options", "DENY");
  res->set_header("Cache-Control", "no-store");
}

int RunServe(const ServeArgs& args) {
  serve::PlaygroundOptions options;
  options.files = args.files;
  options.rules_path = args.rules;
  options.max_request_bytes = args.max_request_bytes;
  std::unique_ptr<serve::Playground> playground;
  if (Status s = serve::Playground::Create(options, &playground); !s.ok()) return ReportFailure(s);

  httplib::Server server;
  server.set_payload_max_length(args.max_request_bytes + 4096);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  const serve::Playground& p = *playground;
  server.Get("/api/files", [&p](const httplib::Request&, httplib::Response& res) { Send(p.Files(), &res); });
  server.Get(R"(/api/files/(\d{1,9}))", [&p](const httplib::Request& req, httplib::Response& res) {
    Send(p.File(std::stoul(req.matches[1].str())), &res);
  });
  server.Post("/api/extract", [&p](const httplib::Request& req, httplib::Response& res) {
    Send(p.Extract(req.body), &res);
  });
  server.Post("/api/discover", [&p](const httplib::Request& req, httplib::Response& res) {
    Send(p.Discover(req.body), &res);
  });
  server.Post("/api/convert", [&p](const httplib::Request& req, httplib::Response& res) {
    Send(p.Convert(req.body), &res);
  });
  server.Get(R"(/[a-z.]*)", [](const httplib::Request& req, httplib::Response& res) {
    Send(serve::Playground::Asset(req.path), &res);
  });

  // cpp-httplib's default also sets SO_REUSEPORT, which lets a second
  // process listen on the same port and take half of the requests. Only
  // SO_REUSEADDR (a restart may bind while old connections linger).
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  errno = 0;
  const int port = args.port == 0 ? server.bind_to_any_port(args.host) : args.port;
  if (args.port != 0 && !server.bind_to_port(args.host, port)) {
    const std::string why = errno == EADDRINUSE ? "address already in use"
                                                : "cannot listen (not an address of this machine?)";
    return ReportFailure(Status::UsageError({args.host + ":" + std::to_string(port), 0, 0}, why));
  }
  if (port < 0) return ReportFailure(Status::UsageError("cannot listen on " + args.host));
  g_server = &server;
  std::signal(SIGINT, StopOnSignal);
  std::signal(SIGTERM, StopOnSignal);
  // The first line says where: tests and scripts read the port from it.
  std::cout << "qaextract playground on http://" << args.host << ":" << port << "/" << std::endl;
  if (args.host != "127.0.0.1" && args.host != "localhost" && args.host != "::1")
    std::cerr << "warning: listening on " << args.host
              << ": anyone who can reach it can run extractions here\n";
  server.listen_after_bind();
  g_server = nullptr;
  return 0;
}

}  // namespace

Runner SetupPlaygroundServer(CLI::App* sub) {
  auto args = std::make_shared<ServeArgs>();
  sub->add_option("FILE", args->files, "Articles the page may open");
  sub->add_option("--port", args->port, "Port (0: any free port)")->capture_default_str();
  sub->add_option("--host", args->host, "Address to listen on (default: loopback only)")
      ->capture_default_str();
  sub->add_option("--rules", args->rules,
                  "Rule file (the editor starts with it) or directory (its files join the built-in "
                  "ones for an empty editor, which chooses by match:; the editor starts with the first)");
  sub->add_option("--max-request-bytes", args->max_request_bytes,
                  "Largest article or rule file the page may send")
      ->capture_default_str();
  return [args] { return RunServe(*args); };
}

}  // namespace qaextract::cli
