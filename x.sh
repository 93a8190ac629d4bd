#!/usr/bin/env bash
# Heltidskalkulator's set-up and run script.
#   ./x.sh app    builds and starts the app on a bundled example
#   ./x.sh test   builds and runs the whole test suite
# Both first make sure what HiGHS and the window need is installed (cmake, a C++ compiler,
# libclang; OpenGL/X11 runtime libraries for the app), installing it with apt-get when run as
# root or with sudo, or stopping with the exact command to run.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1mheltid:\033[0m %s\n' "$*" >&2; }

have_lib() { ldconfig -p 2>/dev/null | grep -qF "$1" || compgen -G "/usr/lib/*/$1*" >/dev/null; }

# bindgen (HiGHS's Rust bindings) needs libclang itself; libclang-cpp alone is not enough.
have_libclang() {
    [ -n "${LIBCLANG_PATH:-}" ] && return 0
    ldconfig -p 2>/dev/null | grep -qE 'libclang(-[0-9.]+)?\.so' && return 0
    compgen -G "/usr/lib/llvm-*/lib/libclang.so*" >/dev/null || compgen -G "/usr/lib/*/libclang-[0-9]*.so*" >/dev/null
}

install_packages() {
    local packages=("$@")
    [ ${#packages[@]} -eq 0 ] && return 0
    local apt=(apt-get install -y --no-install-recommends "${packages[@]}")
    if [ "$(id -u)" -eq 0 ]; then
        say "installing ${packages[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${apt[@]}" >/dev/null
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        say "installing ${packages[*]} (sudo)"
        sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive "${apt[@]}" >/dev/null
    else
        say "missing: ${packages[*]}. Install them, then run this again:"
        printf '    sudo apt-get install %s\n' "${packages[*]}" >&2
        exit 1
    fi
}

need_build_tools() {
    if ! command -v cargo >/dev/null; then
        say "cargo not found. Install Rust from https://rustup.rs, then run this again."
        exit 1
    fi
    local missing=()
    command -v cmake >/dev/null || missing+=(cmake)
    command -v c++ >/dev/null || command -v g++ >/dev/null || missing+=(g++)
    have_libclang || missing+=(libclang-dev)
    install_packages "${missing[@]}"
}

# The PDF export test renders pages with pdftoppm.
need_test_tools() {
    local missing=()
    command -v pdftoppm >/dev/null || missing+=(poppler-utils)
    install_packages "${missing[@]}"
}

need_window_libraries() {
    local missing=()
    have_lib libGL.so.1 || missing+=(libgl1)
    have_lib libEGL.so.1 || missing+=(libegl1)
    have_lib libxkbcommon-x11.so.0 || missing+=(libxkbcommon-x11-0)
    have_lib libXcursor.so.1 || missing+=(libxcursor1)
    have_lib libXi.so.6 || missing+=(libxi6)
    have_lib libXrandr.so.2 || missing+=(libxrandr2)
    have_lib libX11-xcb.so.1 || missing+=(libx11-xcb1)
    # Open, Save as and Export use the desktop's file dialog; without a portal rfd needs zenity.
    command -v zenity >/dev/null || missing+=(zenity)
    install_packages "${missing[@]}"
}

case "${1:-}" in
    app)
        shift
        need_build_tools
        need_window_libraries
        if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            say "no display found (DISPLAY/WAYLAND_DISPLAY unset); the app needs a desktop session or xvfb-run."
            exit 1
        fi
        cargo build --release --bin heltid
        exec target/release/heltid "${@:-examples/solsiden.ron}"
        ;;
    test)
        shift
        need_build_tools
        need_test_tools
        cargo test --release "$@"
        ;;
    setup)
        need_build_tools
        ;;
    *)
        echo "usage: ./x.sh app [scenario.ron] | ./x.sh test [cargo test arguments] | ./x.sh setup" >&2
        exit 2
        ;;
esac
