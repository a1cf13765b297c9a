// Sign in; the demo members are listed so that a visitor can try the network's story.
import { mutate, session, gql } from "../api.js";
import { h, field, showError, clearNotices } from "../ui.js";

const DEMO_PASSWORD = "vernetzt-demo-password";
// A few of the seeded demo members (demo/data.py) and what makes each interesting.
const DEMO = [
  [
    "Lena Hoffmann",
    "lena.hoffmann@example.org",
    "the demo's centre: invitations, messages, a company",
  ],
  ["Jonas Weber", "jonas.weber@example.org", "connected to Lena, follows Moritz"],
  ["Charlotte Hahn", "charlotte.hahn@example.org", "chose the Follow button; no connections yet"],
  ["Nina Huber", "nina.huber@example.org", "Follow button, many followers, open profile"],
  ["Moritz Kaiser", "moritz.kaiser@example.org", "Follow button"],
  ["Katharina Fuchs", "katharina.fuchs@example.org", "asks for her e-mail to connect"],
  ["Emma Fischer", "emma.fischer@example.org", "hides her connections; runs Kiefer & Co"],
  ["Tom Schmitz", "tom.schmitz@example.org", "has invited Lena"],
];

export const SIGN_OUT = gql`
  mutation SignOut {
    signOut {
      signedOut
      errors {
        code
        message
      }
    }
  }
`;
const SIGN_IN = gql`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      token
      member {
        handle
        name
      }
      errors {
        code
        message
      }
    }
  }
`;

export async function render() {
  const email = h("input", {
    type: "email",
    name: "email",
    autocomplete: "username",
    required: true,
  });
  const password = h("input", {
    type: "password",
    name: "password",
    autocomplete: "current-password",
    required: true,
  });
  const submit = h("button", { type: "submit", class: "primary" }, "Sign in");
  const form = h(
    "form",
    {
      class: "stack",
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        try {
          const payload = await mutate(
            SIGN_IN,
            { input: { email: email.value, password: password.value } },
            "signIn",
          );
          session.set(payload.token, payload.member);
          clearNotices();
          location.hash = "#/feed";
        } catch (error) {
          showError(error.message);
          submit.disabled = false;
        }
      },
    },
    field("E-mail", email),
    field("Password", password),
    h("div", {}, submit),
  );
  const demo = DEMO.map(([name, address, about]) =>
    h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          onclick: () => {
            // Fills the form rather than signing in at once, so the visitor sees what is sent.
            email.value = address;
            password.value = DEMO_PASSWORD;
            submit.focus();
          },
        },
        h("strong", {}, name),
        h("br"),
        h("span", { class: "muted" }, about),
      ),
    ),
  );
  return h(
    "section",
    {},
    h(
      "div",
      { class: "card" },
      h("h1", {}, "Sign in to Vernetzt"),
      form,
      h("p", {}, "New here? ", h("a", { href: "#/join" }, "Join Vernetzt")),
    ),
    h(
      "div",
      { class: "card" },
      h("h2", {}, "Demo members"),
      h(
        "p",
        { class: "muted" },
        `Every demo member signs in with the password “${DEMO_PASSWORD}”. Choose one to fill in the form:`,
      ),
      h("ul", { class: "demo" }, demo),
    ),
  );
}
