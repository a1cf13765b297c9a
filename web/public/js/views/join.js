// Sign-up (R24): the server checks every field; its refusals show at the field they concern.
import { mutate, session, gql } from "../api.js";
import { h, field, showError, clearNotices, showFieldErrors } from "../ui.js";

const SIGN_UP = gql`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      member {
        handle
        name
      }
      errors {
        code
        message
        field
      }
    }
  }
`;

export async function render() {
  const me = session.get();
  if (me) {
    return h(
      "section",
      { class: "card" },
      h("h1", {}, "Join Vernetzt"),
      h(
        "p",
        {},
        `You are signed in as ${me.name}. Sign out to create another account, or go to your `,
        h("a", { href: "#/feed" }, "feed"),
        ".",
      ),
    );
  }
  // Native validation stays off (novalidate): the server's messages are the ones shown.
  const controls = {
    handle: h("input", {
      name: "handle",
      autocomplete: "off",
      autocapitalize: "none",
      spellcheck: "false",
      required: true,
    }),
    name: h("input", { name: "name", autocomplete: "name", required: true }),
    // The e-mail is what members sign in with: "username" lets password managers pair it.
    email: h("input", { type: "email", name: "email", autocomplete: "username", required: true }),
    password: h("input", {
      type: "password",
      name: "password",
      autocomplete: "new-password",
      required: true,
    }),
    headline: h("input", { name: "headline", autocomplete: "organization-title" }),
  };
  const submit = h("button", { type: "submit", class: "primary" }, "Create account");
  const form = h(
    "form",
    {
      class: "stack",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        const input = {
          handle: controls.handle.value.trim(),
          name: controls.name.value,
          email: controls.email.value,
          password: controls.password.value,
          headline: controls.headline.value.trim() || null,
        };
        try {
          const payload = await mutate(SIGN_UP, { input }, "signUp");
          session.set(payload.token, payload.member);
          clearNotices();
          location.hash = "#/feed";
        } catch (error) {
          const left = showFieldErrors(controls, error.errors || []);
          // Refusals without a field (and top-level errors: rate limit, server down) go to the alert.
          showError(
            error.errors && error.errors.length
              ? left.map((e) => e.message).join(" ")
              : error.message,
          );
          submit.disabled = false;
        }
      },
    },
    field(
      "Handle",
      controls.handle,
      "Your address on Vernetzt: 3 to 30 characters of a-z, 0-9 and '-'.",
    ),
    field("Name", controls.name),
    field("E-mail", controls.email, "You sign in with it. Only you see it."),
    field("Password", controls.password, "At least 12 characters."),
    field("Headline", controls.headline, "Optional: a line under your name, up to 220 characters."),
    h("div", {}, submit),
  );
  return h(
    "section",
    { class: "card" },
    h("h1", {}, "Join Vernetzt"),
    form,
    h("p", {}, "Already a member? ", h("a", { href: "#/signin" }, "Sign in")),
  );
}
