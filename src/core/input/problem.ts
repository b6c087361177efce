/** What is wrong with a value someone typed or wrote, in words: the command line makes it a usage error, a plan file a diagnostic. */
export interface InputProblem {
  message: string;
  hint: string;
}
