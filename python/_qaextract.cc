// The Python module qaextract._qaextract, over the public C++ API only
// (include/qaextract/). Documents and records cross to Python as the JSON
// the library writes (docs/output-schema.md), parsed by Python's json
// module, so a dict from Python is exactly a record of the CLI. Every call
// that works releases the GIL: extraction from several Python threads runs
// in parallel, and batch runs on the library's worker pool.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <cstdio>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <unistd.h>

#include "qaextract/qaextract.h"

namespace py = pybind11;
using namespace qaextract;

namespace {

// qaextract.Error and its kinds; the message is Status::ToString(), the
// contract's "path:line:col: error: message".
py::object g_error, g_rule_error, g_input_error, g_usage_error;

[[noreturn]] void Raise(const Status& s) {
  py::object type = s.kind() == Status::Kind::kRuleError    ? g_rule_error
                    : s.kind() == Status::Kind::kInputError ? g_input_error
                    : s.kind() == Status::Kind::kUsageError ? g_usage_error
                                                            : g_error;
  PyErr_SetString(type.ptr(), s.ToString().c_str());
  throw py::error_already_set();
}

void Check(const Status& s) {
  if (!s.ok()) Raise(s);
}

py::object Json(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

// str is encoded as UTF-8; bytes are decoded as a file would be (BOM,
// UTF-16, GB18030, Big5 detection).
std::string Bytes(const py::object& text) {
  if (py::isinstance<py::bytes>(text)) return py::cast<std::string>(text);
  if (py::isinstance<py::str>(text)) return py::cast<std::string>(text);
  throw py::type_error("text must be str or bytes");
}

ExtractOptions Options(const std::optional<std::string>& encoding) {
  ExtractOptions o;
  if (encoding) o.encoding = *encoding;
  return o;
}

ViewOptions ParseViewOptions(const std::string& view, const std::optional<std::string>& role) {
  ViewOptions o;
  Check(ParseView(view, &o.view));
  if (role) o.role = *role;
  return o;
}

// A loaded RuleChoice, immutable: shared by the threads that extract with it.
class Rules {
 public:
  Rules(const std::vector<std::string>& paths, bool builtins) {
    Status s;
    {
      py::gil_scoped_release release;
      s = RuleChoice::Load(paths, builtins, RuleLoadOptions{}, &choice_);
    }
    Check(s);
  }
  const RuleChoice& choice() const { return choice_; }
  std::vector<std::string> warnings() const { return choice_.warnings(); }

  Document ExtractDocument(const py::object& text, const std::string& name,
                           const std::optional<std::string>& encoding) const {
    std::string bytes = Bytes(text);
    Document doc;
    Status s;
    {
      py::gil_scoped_release release;
      Source source;
      s = DecodeSource(std::move(bytes), name, Options(encoding), &source);
      if (s.ok()) s = choice_.Extract(source, Options(encoding), &doc);
    }
    Check(s);
    return doc;
  }

  py::object Extract(const py::object& text, const std::string& name,
                     const std::optional<std::string>& encoding) const {
    const Document doc = ExtractDocument(text, name, encoding);
    std::string json;
    {
      py::gil_scoped_release release;
      WriteJson(doc, JsonOptions{false}, &json);
    }
    return Json(json);
  }

  py::list View(const py::object& text, const std::string& view, const std::string& id,
                const std::optional<std::string>& role, const std::string& name) const {
    const ViewOptions options = ParseViewOptions(view, role);
    const Document doc = ExtractDocument(text, name, std::nullopt);
    std::string jsonl;
    {
      py::gil_scoped_release release;
      RenderView(doc, options, id, {}, &jsonl);
    }
    py::list records;
    std::size_t start = 0;
    for (std::size_t end; (end = jsonl.find('\n', start)) != std::string::npos; start = end + 1)
      records.append(Json(jsonl.substr(start, end - start)));
    return records;
  }

  py::object Explain(const py::object& text, const std::string& name) const {
    std::string bytes = Bytes(text);
    std::string json;
    Status s;
    {
      py::gil_scoped_release release;
      Source source;
      Explanation e;
      s = DecodeSource(std::move(bytes), name, {}, &source);
      if (s.ok()) s = qaextract::Explain(source, choice_, {}, &e);
      if (s.ok()) json = ExplanationJson(e, false);
    }
    Check(s);
    return Json(json);
  }

 private:
  RuleChoice choice_;
};

std::shared_ptr<Rules> DefaultRules() {
  static std::shared_ptr<Rules> rules = std::make_shared<Rules>(std::vector<std::string>{}, true);
  return rules;
}

std::shared_ptr<Rules> RulesFor(const py::object& rules) {
  if (rules.is_none()) return DefaultRules();
  if (py::isinstance<Rules>(rules)) return py::cast<std::shared_ptr<Rules>>(rules);
  if (py::isinstance<py::str>(rules)) return std::make_shared<Rules>(std::vector<std::string>{py::cast<std::string>(rules)}, true);
  return std::make_shared<Rules>(py::cast<std::vector<std::string>>(rules), true);
}

py::list Lint(const std::optional<std::string>& path, const std::optional<std::string>& text,
              const std::string& name) {
  if (path.has_value() == text.has_value()) throw py::value_error("lint: give path or text, not both");
  std::vector<Diagnostic> found;
  {
    py::gil_scoped_release release;
    found = path ? LintRuleFile(*path, RuleLoadOptions{}) : LintRuleText(*text, name, RuleLoadOptions{});
  }
  py::list out;
  for (const Diagnostic& d : found) {
    py::dict item;
    item["path"] = d.where.path;
    item["line"] = d.where.line;
    item["column"] = d.where.column;
    item["severity"] = d.error ? "error" : "warning";
    item["code"] = d.code;
    item["message"] = d.message;
    item["text"] = RenderDiagnostic(d, false, text ? std::string_view(*text) : std::string_view());
    out.append(item);
  }
  return out;
}

py::dict Discover(const std::vector<py::object>& texts, const std::string& name) {
  std::vector<std::string> bytes;
  for (const py::object& t : texts) bytes.push_back(Bytes(t));
  SourceDiscovery found;
  Status s;
  {
    py::gil_scoped_release release;
    std::vector<Source> sources(bytes.size());
    for (std::size_t i = 0; s.ok() && i < bytes.size(); ++i)
      s = DecodeSource(std::move(bytes[i]), "article-" + std::to_string(i + 1) + ".txt", {}, &sources[i]);
    RuleSet generic;
    if (s.ok()) s = RuleSet::LoadBuiltin("generic", {}, &generic);
    if (s.ok()) s = DiscoverSource(sources, generic, {}, &found);
  }
  Check(s);
  py::dict out;
  out["report"] = DiscoveryReportText(found);
  out["rules"] = StarterRulesYaml(found, name, RulesSchemaPath());
  py::list speakers;
  for (const SourceSpeaker& sp : found.speakers) {
    py::dict d;
    d["id"] = sp.id;
    d["name"] = sp.name;
    d["role"] = sp.role;
    d["labels"] = sp.labels;
    d["lines"] = sp.lines;
    d["evidence"] = sp.evidence;
    speakers.append(d);
  }
  out["speakers"] = speakers;
  return out;
}

// Records of a batch run, in input order, handed from the library's writer
// thread to the Python iterator: the run happens on a thread of its own with
// the GIL released, and the iterator waits on the queue without the GIL.
class BatchRun {
 public:
  BatchRun(std::vector<std::string> inputs, BatchOptions options, std::shared_ptr<Rules> rules,
           std::string temp)
      : inputs_(std::move(inputs)), options_(std::move(options)), rules_(std::move(rules)), temp_(std::move(temp)) {}
  ~BatchRun() {
    stop_ = true;
    cv_.notify_all();
    if (thread_.joinable()) {
      py::gil_scoped_release release;
      thread_.join();
    }
    if (!temp_.empty()) std::remove(temp_.c_str());
  }

  // The destructor stops the run and joins the thread, so `this` outlives it.
  void Start() {
    options_.stop = &stop_;
    thread_ = std::thread([this] { Run(); });
  }

  py::object Next() {
    std::optional<std::string> record;
    Status failed;
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return !queue_.empty() || done_; });
      if (!queue_.empty()) {
        record = std::move(queue_.front());
        queue_.pop_front();
      } else {
        failed = status_;
      }
    }
    cv_.notify_all();
    if (record) return Json(*record);
    if (!failed.ok()) Raise(failed);
    throw py::stop_iteration();
  }

 private:
  static constexpr std::size_t kMaxQueued = 1024;  // records ahead of the reader

  Status Push(const std::string& records) {
    std::unique_lock<std::mutex> lock(mu_);
    std::size_t start = 0;
    for (std::size_t end; (end = records.find('\n', start)) != std::string::npos; start = end + 1) {
      cv_.wait(lock, [&] { return queue_.size() < kMaxQueued || stop_; });
      if (stop_) return Status::UsageError("batch: the iterator was closed");
      queue_.push_back(records.substr(start, end - start));
      cv_.notify_all();
    }
    return Status::OK();
  }

  void Run() {
    BatchSinks sinks;
    sinks.records = [this](const std::string& r) { return Push(r); };
    sinks.errors = sinks.records;  // one record per input, in order
    const RuleChoice& choice = rules_->choice();
    const ExtractOptions extract = options_.extract;
    BatchStats stats;
    const Status s = RunBatch(
        inputs_, [&](const Source& source, Document* doc) { return choice.Extract(source, extract, doc); },
        options_, sinks, &stats);
    std::lock_guard<std::mutex> lock(mu_);
    if (!stop_) status_ = s;
    done_ = true;
    cv_.notify_all();
  }

  std::vector<std::string> inputs_;
  BatchOptions options_;
  std::shared_ptr<Rules> rules_;
  std::string temp_;  // the JSONL file written for texts given in memory
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool done_ = false;
  Status status_;
};

std::shared_ptr<BatchRun> Batch(const py::object& inputs, const std::string& view, int jobs, const py::object& rules,
                                int min_turns, const std::optional<std::string>& role) {
  BatchOptions options;
  const ViewOptions views = ParseViewOptions(view, role);
  options.view = views.view;
  options.role = views.role;
  options.jobs = jobs;
  options.min_turns = min_turns;
  std::vector<std::string> paths;
  std::string temp;
  if (py::isinstance<py::str>(inputs)) {
    paths.push_back(py::cast<std::string>(inputs));  // a file, a directory or a JSONL file
  } else {
    // Texts (or (id, text) pairs) in memory: one JSONL record each, in a
    // temporary file the run reads like any JSONL input.
    // The .jsonl name is what makes the run read it as JSONL records.
    std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
    std::string pattern = dir + "/qaextract-batch-XXXXXX.jsonl";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = mkstemps(name.data(), 6);
    if (fd < 0) throw py::value_error("batch: cannot create a temporary file");
    close(fd);
    temp = name.data();
    std::ofstream out(temp, std::ios::binary);
    py::object dumps = py::module_::import("json").attr("dumps");
    std::size_t i = 0;
    for (const py::handle item : inputs) {
      py::dict record;
      if (py::isinstance<py::tuple>(item)) {
        const py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
        if (pair.size() != 2) throw py::value_error("batch: an (id, text) pair has two items");
        record["id"] = pair[0];
        record["text"] = pair[1];
      } else {
        record["id"] = py::str(std::to_string(i));
        record["text"] = item;
      }
      out << py::cast<std::string>(dumps(record)) << "\n";
      ++i;
    }
    paths.push_back(temp);
  }
  auto run = std::make_shared<BatchRun>(std::move(paths), std::move(options), RulesFor(rules), std::move(temp));
  run->Start();
  return run;
}

}  // namespace

PYBIND11_MODULE(_qaextract, m) {
  m.doc() = "qaextract: turn published interviews into data (the C++ library's Python module)";
  g_error = py::reinterpret_borrow<py::object>(PyErr_NewException("qaextract.Error", PyExc_ValueError, nullptr));
  g_rule_error = py::reinterpret_borrow<py::object>(PyErr_NewException("qaextract.RuleError", g_error.ptr(), nullptr));
  g_input_error = py::reinterpret_borrow<py::object>(PyErr_NewException("qaextract.InputError", g_error.ptr(), nullptr));
  g_usage_error = py::reinterpret_borrow<py::object>(PyErr_NewException("qaextract.UsageError", g_error.ptr(), nullptr));
  m.attr("Error") = g_error;
  m.attr("RuleError") = g_rule_error;
  m.attr("InputError") = g_input_error;
  m.attr("UsageError") = g_usage_error;
  m.attr("__version__") = QAEXTRACT_VERSION;

  py::class_<Rules, std::shared_ptr<Rules>>(m, "Rules")
      .def(py::init<const std::vector<std::string>&, bool>(), py::arg("paths") = std::vector<std::string>{},
           py::arg("builtins") = true)
      .def("extract", &Rules::Extract, py::arg("text"), py::arg("name") = "<string>",
           py::arg("encoding") = py::none())
      .def("view", &Rules::View, py::arg("text"), py::arg("view") = "turns", py::arg("id") = "doc",
           py::arg("role") = py::none(), py::arg("name") = "<string>")
      .def("explain", &Rules::Explain, py::arg("text"), py::arg("name") = "<string>")
      .def_property_readonly("warnings", &Rules::warnings);

  m.def("default_rules", &DefaultRules);
  m.def("rules_for", &RulesFor, py::arg("rules"));
  m.def("lint", &Lint, py::arg("path") = py::none(), py::arg("text") = py::none(), py::arg("name") = "<text>");
  m.def("discover", &Discover, py::arg("texts"), py::arg("name") = "my-source");
  py::class_<BatchRun, std::shared_ptr<BatchRun>>(m, "BatchRun")
      .def("__iter__", [](std::shared_ptr<BatchRun> self) { return self; })
      .def("__next__", &BatchRun::Next);
  m.def("batch", &Batch, py::arg("inputs"), py::arg("view") = "documents", py::arg("jobs") = 0,
        py::arg("rules") = py::none(), py::arg("min_turns") = 0, py::arg("role") = py::none());
}
