"""Small interactive pieces for notebooks: an exercise verdict with hints on demand, quizzes."""
import ipywidgets as widgets
from IPython.display import display


def _show(widget, text):
    """Display a widget; readers without a live kernel (GitHub, a static page) see `text`."""
    bundle = widget._repr_mimebundle_()
    bundle["text/plain"] = text
    display(bundle, raw=True)


def show_verdict(verdict):
    print(verdict.text())
    hints = verdict.hints()
    if not hints:
        return
    button = widgets.Button(description="Show a hint", icon="lightbulb-o")
    out = widgets.Output()
    shown = []

    def next_hint(_):
        if len(shown) < len(hints):
            shown.append(hints[len(shown)])
            with out:
                print(f"Hint {len(shown)}: {shown[-1]}")
        if len(shown) == len(hints):
            button.disabled = True

    button.on_click(next_hint)
    _show(widgets.VBox([button, out]), f"({len(hints)} hint(s) available: run the check in JupyterLab to see them)")


class Quiz:
    """A multiple-choice question that answers at once. `answer(i)` is what a click does."""

    def __init__(self, question, options, correct, explanation):
        self.question, self.options, self.correct, self.explanation = question, options, correct, explanation

    def answer(self, choice: int) -> str:
        if choice == self.correct:
            return f"✔ Right. {self.explanation}"
        return "✘ Not quite: try another answer."

    def _ipython_display_(self):
        choices = widgets.RadioButtons(options=self.options, index=None, layout={"width": "max-content"})
        button = widgets.Button(description="Check my answer")
        feedback = widgets.HTML()

        def on_click(_):
            if choices.index is None:
                feedback.value = "Pick an answer first."
            else:
                feedback.value = self.answer(choices.index)

        button.on_click(on_click)
        _show(widgets.VBox([widgets.HTML(f"<b>{self.question}</b>"), choices, button, feedback]), repr(self))

    def __repr__(self):  # what a reader without widgets (GitHub, nbval) sees
        lines = [self.question] + [f"  {chr(97 + i)}) {o}" for i, o in enumerate(self.options)]
        return "\n".join(lines)


def quiz(question, options, correct, explanation):
    """Show a quiz question; `correct` is the index of the right option."""
    return Quiz(question, options, correct, explanation)
