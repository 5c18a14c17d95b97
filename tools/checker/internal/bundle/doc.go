// Package bundle makes the deployments of the kit on grading platforms,
// each a folder or archive an instructor uploads as is:
//
//   - Gradescope: autograder.zip with setup.sh and run_autograder at its
//     root and the kit (without solutions/) under kit/ (Gradescope).
//   - GitHub Classroom: the student template repository, the kit without
//     solutions/, with .github/workflows/classroom.yml that grades each
//     push against a pristine checkout pinned to a commit (Classroom).
//   - Exercism: a test runner repository (Dockerfile, bin/run.sh, kit/)
//     and the lessons as practice exercises (Exercism, ExercismTrack).
//
// Every script it writes calls the checker's grade command and reads its
// outputs; none grades by itself. The scripts take the platform's root
// folder as a variable (AUTOGRADER_ROOT, RUNNER_TEMP, CONVLINGS_RUNNER),
// so the end-to-end tests run them in a temporary folder.
//
// It imports the standard library and internal/kit only.
package bundle
