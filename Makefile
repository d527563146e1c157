# NetLab's front door. `make help` lists everything.
#
# Variables you can set on the command line:
#   LAB=01       one lab (two digits). Empty means every lab.
#   IMPL=labs    whose code to build: labs (yours, the default) or solutions (the reference).
#   ARGS="…"     arguments for `make run`.
#   FILTER=name  with `make test`: only the tests whose names match (a regular expression).
#   COUNT=60 SEED=1  with `make mutants`: how many mutants to test, and which sample.
#   MUTANT=text  with `make mutants`: only the mutants whose line or file:line contains it.
#   SUBMISSION=PATH  with `make grade`: a student's submission (a folder, a .zip or a git repository),
#                graded in a pristine copy of the kit; results in $(BUILD)/submission/results.json.
#   SUBMISSIONS=DIR JOBS=1 OUT=DIR TIMEOUT=3600 LAB_TIMEOUT=  with `make grade-all`: the folder of
#                submissions, how many graded at once, where grades.csv goes ($(BUILD)/grade-all), the
#                seconds one submission may take, and the seconds one lab's tests may take (grading.json's).
#   DEST=DIR     with `make student-kit`: where the student edition goes.
#   BUILD=.build where builds go; each IMPL gets its own folder inside, so switching is cheap.
#   SECONDS=60   with `make fuzz`: how long each fuzz target runs.
#   SANITIZER=thread|address  with `make sanitize`.
#   PCAP=FILE    with `make demo` or `make lan-demo`: also record the traffic (tcpdump) into FILE.
#   PLOT=FILE.svg TIMELINE=FILE.json  with `make demo`: keep the client's sequence diagram, timeline.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
IMPL ?= labs
LAB ?=
ARGS ?=
FILTER ?=
BUILD ?= .build
SWIFT ?= swift
SUBMISSION ?=
RESULTS ?= $(BUILD)/results
SUBMISSIONS ?=
JOBS ?= 1
OUT ?= $(BUILD)/grade-all
TIMEOUT ?= 3600
LAB_TIMEOUT ?=
DEST ?=
# Seconds before a whole `make check` is cut off (it never should be).
CHECK_TIMEOUT ?= 3000
# Seconds before a whole `make order` is cut off: a build per part; eight labs took 20 min on 2 cores.
ORDER_TIMEOUT ?= 4200

SCRATCH := $(BUILD)/$(IMPL)
TOOLS := $(BUILD)/tools
NETLAB := $(TOOLS)/debug/netlab
LABS_SELECTED := $(if $(LAB),$(LAB),all)
EXECUTABLE = $(notdir $(firstword $(wildcard Labs/Given/lab$(LAB)-*)))
export NETLAB_IMPL := $(IMPL)

.PHONY: help check test watch order handouts grade run bin-path list hint bench interop dissector mutants fuzz sanitize \
	demo lan-demo clean tools grade-all student-kit gradescope handin test-grading

help: ## Show this list.
	@echo "NetLab: build the internet's plumbing from raw sockets, one lab at a time."
	@echo
	@echo "Usage: make <target> [LAB=NN] [IMPL=labs|solutions] [ARGS=\"…\"]"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{ printf "  %-10s %s\n", $$1, $$2 }'
	@echo
	@echo "Examples:"
	@echo "  make test LAB=01                 test your lab 01"
	@echo "  make run LAB=01 ARGS=\"server\"    run your lab 01 server"
	@echo "  make grade IMPL=solutions        grade the reference solutions"

tools: $(NETLAB)

# The grader is built on its own, from its own manifest switch, so a broken lab never breaks it.
$(NETLAB): Tests/Grader/*.swift Package.swift
	@NETLAB_TOOLS=1 NETLAB_LABS=none $(SWIFT) build --scratch-path $(TOOLS) --product netlab -q

test: $(NETLAB) ## Run one lab's tests (LAB=NN), or every lab's. Failures say what was expected.
	@$(NETLAB) test --lab "$(LABS_SELECTED)" --impl $(IMPL) --scratch $(SCRATCH) --results $(RESULTS) --filter "$(FILTER)"

watch: $(NETLAB) ## Test a lab again each time you save one of its files: make watch LAB=01.
	@if [ -z "$(LAB)" ]; then echo "error: say which lab, e.g. make watch LAB=01" >&2; exit 2; fi
	@$(NETLAB) watch --lab "$(LAB)" --impl $(IMPL) --scratch $(SCRATCH) --results $(RESULTS)

grade: $(NETLAB) ## Grade each lab in isolation (SUBMISSION=folder|zip|repo: a student's, tamper-proof).
	@if [ -n "$(SUBMISSION)" ]; then \
	  $(NETLAB) grade --lab "$(LABS_SELECTED)" --submission "$(SUBMISSION)" --workspace $(BUILD)/submission \
	    --results $(BUILD)/submission/results --out $(BUILD)/submission/results.json; \
	else \
	  $(NETLAB) grade --lab "$(LABS_SELECTED)" --impl $(IMPL) --scratch $(SCRATCH) --results $(RESULTS) \
	    --out $(BUILD)/grade/results.json; \
	fi

check: $(NETLAB) ## Prove the kit is sound: starters compile and score 0, solutions score 100.
	@if [ ! -d Solutions ]; then \
	  timeout -s INT -k 30 $(CHECK_TIMEOUT) $(NETLAB) check --student --build $(BUILD) --lab "$(LABS_SELECTED)"; \
	else \
	  timeout -s INT -k 30 $(CHECK_TIMEOUT) $(NETLAB) check --build $(BUILD); \
	fi

handin: ## Zip your lab folders (Labs/NN-*, nothing else) to hand in; it says where the zip is.
	@rm -f $(BUILD)/handin/handin.zip && mkdir -p $(BUILD)/handin
	@zip -q -r $(BUILD)/handin/handin.zip Labs/[0-9][0-9]-* -x '*/.build/*' '*/.DS_Store'
	@n=$$(unzip -Z1 $(BUILD)/handin/handin.zip | grep -vc '/$$'); \
	 echo "Your lab folders are in $$(cd $(BUILD)/handin && pwd)/handin.zip ($$n files). Hand in that file."

grade-all: $(NETLAB) ## Grade a folder of submissions: make grade-all SUBMISSIONS=DIR [JOBS=2] [OUT=DIR].
	@if [ -z "$(SUBMISSIONS)" ]; then echo "error: say where: make grade-all SUBMISSIONS=DIR" >&2; exit 2; fi
	@$(NETLAB) grade-all --submissions "$(SUBMISSIONS)" --lab "$(LABS_SELECTED)" --jobs $(JOBS) --out "$(OUT)" \
	  --timeout $(TIMEOUT) --lab-timeout "$(LAB_TIMEOUT)"

student-kit: ## Write the student edition (no Solutions/ or Tests/Instructor/), a new git repository: DEST=DIR.
	@[ -d Tests/Instructor ] || { echo "error: make student-kit needs the instructor's kit (Tests/Instructor/)" >&2; exit 2; }
	@bash Tests/Instructor/export.sh student "$(DEST)"

gradescope: ## Write Gradescope's autograder.zip (no Solutions/; hidden tests included) [LAB=NN].
	@[ -d Tests/Instructor ] || { echo "error: make gradescope needs the instructor's kit (Tests/Instructor/)" >&2; exit 2; }
	@bash Tests/Instructor/export.sh gradescope "$(BUILD)/gradescope" "$(LABS_SELECTED)"

test-grading: ## Test grade-all, the student edition and the Gradescope bundle on lab 01 (slow: 45 min).
	@[ -d Tests/Instructor ] || { echo "error: make test-grading needs the instructor's kit (Tests/Instructor/)" >&2; exit 2; }
	@timeout -s INT -k 30 4800 bash Tests/Instructor/tests/grading.sh

run: ## Build and run a lab's binary: make run LAB=01 ARGS="server --port 0".
	@if [ -z "$(LAB)" ] || [ -z "$(EXECUTABLE)" ]; then echo "error: say which lab, e.g. make run LAB=01 ARGS=\"--help\"" >&2; exit 2; fi
	@NETLAB_LABS=$(LAB) $(SWIFT) build --scratch-path $(SCRATCH) --product $(EXECUTABLE) -q
	@exec "$$(NETLAB_LABS=$(LAB) $(SWIFT) build --scratch-path $(SCRATCH) --show-bin-path)/$(EXECUTABLE)" $(ARGS)

bin-path: ## Print the folder that holds the built lab binaries (build them with make run or test).
	@NETLAB_LABS=$(LABS_SELECTED) $(SWIFT) build --scratch-path $(SCRATCH) --show-bin-path

list: $(NETLAB) ## List the labs in order, with your last test results.
	@$(NETLAB) list --results $(RESULTS)

hint: ## Print a lab's hints: make hint LAB=01.
	@if [ -z "$(LAB)" ]; then echo "error: say which lab, e.g. make hint LAB=01" >&2; exit 2; fi
	@f=$$(ls Handouts/$(LAB)-*.md 2>/dev/null | head -n 1); \
	 if [ -z "$$f" ]; then echo "error: no handout for lab $(LAB); see make list" >&2; exit 2; fi; \
	 awk '/^## /{ show = ($$0 ~ /^## Hints/) } show' "$$f"

order: $(NETLAB) ## Prove each lab's parts pass in the handout's order (slow: a build per part).
	@timeout -s INT -k 30 $(ORDER_TIMEOUT) $(NETLAB) order --lab "$(LABS_SELECTED)" --build $(BUILD)

mutants: $(NETLAB) ## How strong are a lab's tests? Seed mistakes into its solution: make mutants LAB=01.
	@if [ -z "$(LAB)" ]; then echo "error: say which lab, e.g. make mutants LAB=01" >&2; exit 2; fi
	@$(NETLAB) mutants --lab $(LAB) --build $(BUILD) --count $(or $(COUNT),60) --seed $(or $(SEED),1) --only "$(MUTANT)"

bench: ## Measure a lab's speed against a reference on this machine: make bench LAB=02.
	@if [ -z "$(LAB)" ]; then echo "error: say which lab, e.g. make bench LAB=02 IMPL=solutions" >&2; exit 2; fi
	@if [ ! -f Tests/Benchmarks/bench-$(LAB).sh ]; then echo "error: lab $(LAB) has no benchmark" >&2; exit 2; fi
	@IMPL=$(IMPL) BUILD=$(BUILD) bash Tests/Benchmarks/bench-$(LAB).sh

fuzz: ## Fuzz a lab's parsers (libFuzzer + ASan): make fuzz LAB=06 [SECONDS=60] [IMPL=solutions].
	@bash Tests/Fuzz/run.sh "$(LAB)" $(or $(SECONDS),60) $(if $(filter command line,$(origin IMPL)),$(IMPL),solutions)

sanitize: ## A lab's tests against the solution under a sanitizer: make sanitize LAB=02 [SANITIZER=thread|address].
	@if [ -z "$(LAB)" ]; then echo "error: say which lab, e.g. make sanitize LAB=02" >&2; exit 2; fi
	@bash Tests/Fuzz/sanitize.sh $(LAB) $(or $(SANITIZER),thread)

handouts: ## Run every command the handouts show, as written, against the reference (LAB=NN for one).
	@bash Tests/Handouts/check.sh $(LAB)

interop: ## Check the solutions against real tools (installs them; needs root and apt).
	@bash Tests/Interop/run.sh $(LAB)

dissector: ## Check the Wireshark dissectors (Handouts/rudp.lua, session.lua) with tshark (installs it).
	@bash Tests/Interop/dissector.sh

# The demos run the reference (Solutions/) unless IMPL is given: IMPL=labs runs your labs.
DEMO_IMPL = $(if $(filter command line environment,$(origin IMPL)),$(IMPL),solutions)

demo: ## The whole system on loopback: DHCP, DNS, relay, app server, then the client (PCAP=FILE records it).
	@IMPL=$(DEMO_IMPL) BUILD=$(BUILD) SWIFT=$(SWIFT) PCAP="$(PCAP)" PLOT="$(PLOT)" TIMELINE="$(TIMELINE)" \
	  bash Tests/Demo/demo.sh

lan-demo: ## The same across two network namespaces and a bridge, with broadcast DHCP (needs root).
	@IMPL=$(DEMO_IMPL) BUILD=$(BUILD) SWIFT=$(SWIFT) PCAP="$(PCAP)" bash Tests/Demo/lan-demo.sh

clean: ## Delete every build.
	rm -rf $(BUILD)
