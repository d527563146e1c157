#!/usr/bin/env bash
# Exports the kit without Solutions/ (run from the kit's root, by make):
#   bash Tests/Instructor/export.sh student DEST          the student edition, a new git repository
#                                                   with one commit (make student-kit DEST=DIR)
#   bash Tests/Instructor/export.sh gradescope DIR LABS   DIR/autograder.zip for Gradescope (make gradescope)
# Both take the kit's files as git sees them (tracked, or new and not ignored), with symbolic
# links resolved to real files (a lab's given files can be links into another folder), and
# write Tests/given-files.txt (which files in the lab folders are given, as Solutions/' links
# say) and Tests/kit-commit.txt (the commit they came from), which the grader reads in place of
# Solutions/ and .git.
set -euo pipefail
mode=${1:?usage: export.sh student DEST | gradescope DIR [LABS]}
dest=${2:?say where: DEST=DIR}
labs=${3:-all}
kit=$(pwd)
[ -f Tests/grading.json ] && [ -d Solutions ] || { echo "error: run this from the instructor's kit (with Solutions/)" >&2; exit 2; }

# Instructor-only: the reference, this folder (hidden tests, these scripts), the mutants' notes,
# the kit's own fixtures and CI (both prove Solutions/), and the lead's README section.
keep() {
  case "$1" in
    Solutions/*|Tests/Mutants/*|Tests/Fixtures/*|.ci/*) return 1 ;;
    Tests/Instructor/HiddenTests/*) [ "$mode" = gradescope ] ;;
    Tests/Instructor/*) return 1 ;;
    *) return 0 ;;
  esac
}

# Copies the kit's files into $1 (an empty folder).
export_kit() {
  local to=$1
  git -C "$kit" ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
    [ -e "$kit/$file" ] || continue   # deleted in the working tree
    keep "$file" || continue
    mkdir -p "$to/$(dirname "$file")"
    cp -L "$kit/$file" "$to/$file"    # -L: a link becomes a copy of what it points to
  done
  find Solutions -type l | sed 's|^Solutions/|Labs/|' | LC_ALL=C sort > "$to/Tests/given-files.txt"
  local commit
  commit=$(git -C "$kit" rev-parse HEAD)
  [ -z "$(git -C "$kit" status --porcelain)" ] || commit="$commit-dirty"
  echo "$commit" > "$to/Tests/kit-commit.txt"
  # The README without the instructor's parts (between <!-- instructor --> and <!-- /instructor -->).
  # What make check does there, and the layout without the instructor's folders.
  awk '/<!-- instructor -->/{ skip = 1; next } /<!-- \/instructor -->/{ skip = 0; next } !skip' "$kit/README.md" \
    | sed -e 's/# the kit.s own tests: starters compile and score 0, solutions score 100/# checks the edition: every starter compiles, every lab has a handout/' \
      -e '/^Tests\/Instructor\/ *never/,/^ *the copies in Labs\/NN-Name\/, so they exist once$/d' > "$to/README.md"
}

case "$mode" in
student)
  case "$dest" in /*) ;; *) dest="$kit/$dest" ;; esac
  if [ -e "$dest" ] && [ -n "$(ls -A "$dest" 2>/dev/null)" ]; then
    echo "error: $dest exists and is not empty; give a new folder: make student-kit DEST=DIR" >&2; exit 2
  fi
  mkdir -p "$dest"
  export_kit "$dest"
  mkdir -p "$dest/.github/workflows"
  cp Tests/Instructor/student/grade.yml "$dest/.github/workflows/grade.yml"
  cp Tests/Instructor/student/grade.sh "$dest/.github/grade.sh"
  git -C "$dest" init -q
  git -C "$dest" add -A
  git -C "$dest" -c user.name="NetLab" -c user.email="netlab@localhost" commit -q \
    -m "NetLab, student edition (from kit commit $(cat "$dest/Tests/kit-commit.txt"))"
  echo "The student edition is in $dest: $(git -C "$dest" ls-files | wc -l) files, one commit."
  echo "No Solutions/, no Tests/Instructor/; a GitHub Actions workflow grades each push (.github/workflows/grade.yml)."
  ;;
gradescope)
  mkdir -p "$dest"
  dest=$(cd "$dest" && pwd)
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/kit"
  export_kit "$stage/kit"
  sed "s/@LABS@/$labs/" Tests/Instructor/gradescope/run_autograder > "$stage/run_autograder"
  cp Tests/Instructor/gradescope/setup.sh "$stage/setup.sh"
  chmod +x "$stage/run_autograder" "$stage/setup.sh"
  rm -f "$dest/autograder.zip"
  (cd "$stage" && zip -q -r "$dest/autograder.zip" setup.sh run_autograder kit)
  echo "Gradescope's autograder is in $dest/autograder.zip (labs: $labs; $(unzip -Z1 "$dest/autograder.zip" | wc -l) entries)."
  echo "Upload it as the assignment's autograder (Ubuntu 22.04 base image). It has no Solutions/."
  ;;
*)
  echo "error: export.sh student DEST | gradescope DIR [LABS]" >&2; exit 2 ;;
esac
