# The two commands of the README: `make run` and `make check`.
# Both install what a fresh Debian 12 machine is missing, then build with meson.

BUILD ?= _build
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Build, run and test dependencies (Debian 12 package names).
PACKAGES = \
	meson ninja-build pkg-config gcc gettext python3 \
	libglib2.0-dev libgtk-4-dev libadwaita-1-dev libshumate-dev libsoup-3.0-dev \
	libjson-glib-dev libyajl-dev libsqlite3-dev libsecret-1-dev libsodium-dev \
	libgsf-1-dev libxml2-dev \
	desktop-file-utils appstream flatpak-builder unicode-data \
	xvfb xauth dbus-x11 python3-pyatspi gir1.2-atspi-2.0 \
	fonts-noto-cjk poppler-utils imagemagick \
	clang libclang-rt-14-dev \
	libxlsxwriter-dev python3-openpyxl

.PHONY: run check build deps bench bench-sync fuzz clean

run: build
	tools/run-dev.sh $(BUILD)

check: build
	tools/run-tests.sh $(BUILD)

bench: build
	$(BUILD)/tests/bench-core
	$(BUILD)/tests/bench-household-reader
	$(BUILD)/tests/bench-report
	$(BUILD)/tests/bench-organisations
	$(BUILD)/tests/bench-startup
	$(BUILD)/tests/bench-views

# Each libFuzzer target for five minutes (clang, ASan, UBSan), from the seed corpus in fuzz/
fuzz: deps
	tools/fuzz-setup.sh $(BUILD)-fuzz
	GD_FUZZ_SECONDS=$${GD_FUZZ_SECONDS:-300} meson test -C $(BUILD)-fuzz --suite fuzz \
	  --print-errorlogs --num-processes 1 -t 30 -v
	$(BUILD)/tests/bench-pwhash

# GridDesk's initial pull of 100,000 households vs curl and PouchDB, and an incremental sync
bench-sync: build
	tests/bench-sync.sh $(BUILD) 100000

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	meson setup $(BUILD)

deps:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
	  | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@# the sync tests' CouchDB-protocol peer, pinned by tests/sync/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; }
	@[ tests/sync/node_modules/.package-lock.json -nt tests/sync/package-lock.json ] || \
	  (cd tests/sync && npm ci --no-audit --no-fund --loglevel=error)

clean:
	rm -rf $(BUILD)
