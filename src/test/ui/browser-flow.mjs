// Drives Switchboard's web UI in headless Chromium (playwright-core + Debian's chromium) against a
// running server: the customer widget on /demo and the agent console on /console, side by side.
//
// Usage: node browser-flow.mjs <scenario>...   scenarios: widget, console, conversation, restart, attachments, pages, thousand, offline, queue
// Environment: CONTROL_DIR (restart scenario: restart-request / restart-done files), SWITCHBOARD_URL, AGENT_EMAIL, AGENT_PASSWORD (an agent account), AGENT2_EMAIL (a
// second agent, same password; queue scenario), ADMIN_EMAIL (an admin, same password; pages scenario), SCREENSHOTS (folder), CHROMIUM_PATH (default
// /usr/bin/chromium).
// Prints one PASS or FAIL line per check and, last, "browser: N passed, M failed". Every wait is bounded.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { chromium } from "playwright-core";

const url = process.env.SWITCHBOARD_URL;
const agentEmail = process.env.AGENT_EMAIL;
const agent2Email = process.env.AGENT2_EMAIL;
const adminEmail = process.env.ADMIN_EMAIL;
const password = process.env.AGENT_PASSWORD;
const shots = process.env.SCREENSHOTS ?? "screenshots";
const WAIT_MS = 15000; // acks time out after 10 s in the UI; error states appear within that
const XSS_NAME = `<img src=x onerror="window.__xss=1">Eve`;
const XSS_TEXT = `<script>window.__xss=2</script><b>bold?</b><img src=y onerror="window.__xss=3">`;
mkdirSync(shots, { recursive: true });

let passed = 0, failed = 0;
const openPages = [];
async function check(name, fn) {
  try { await fn(); passed++; console.log(`PASS ${name}`); }
  catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${(e && e.message ? e.message : String(e)).split("\n")[0]}`);
    // what each page showed at the failure, for the build artifacts
    for (const [i, page] of openPages.entries()) {
      await page.screenshot({ path: join(shots, `FAILED-${failed}-page${i}.png`) }).catch(() => undefined);
      console.log(`  page${i} ${page.url()} problems: ${page.problems.join(" | ") || "none"}`);
    }
  }
}
function assert(condition, message) { if (!condition) throw new Error(message); }
const visible = (locator) => locator.first().waitFor({ state: "visible", timeout: WAIT_MS });

/** One request to the server's REST API, bounded like every wait here; the response as it came. */
function send(method, path, body, token) {
  return fetch(url + path, { method, signal: AbortSignal.timeout(WAIT_MS), body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
}

/** A REST call that must succeed: its JSON body, or an error naming the call and the status. */
async function api(method, path, body, token) {
  const res = await send(method, path, body, token);
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A width×height PNG of blue and orange stripes (RGB, no filter), made here so the test needs no image file. */
function stripesPng(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const head = Buffer.alloc(4); head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const tail = Buffer.alloc(4); tail.writeUInt32BE(crc(body));
    return Buffer.concat([head, body, tail]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 2;
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set(((x >> 3) + (y >> 3)) % 2 ? [29, 78, 216] : [245, 158, 11], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-dev-shm-usage"] });

/** A page in its own browser context (own localStorage) that records console errors and dialogs. */
async function newPage(viewport = { width: 1280, height: 800 }, { allowedErrors = [] } = {}) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(WAIT_MS); // every action (fill, press, click) is bounded too, not only the waits
  const page = await context.newPage();
  openPages.push(page);
  page.problems = [];
  page.on("console", (m) => { if (m.type() === "error" && !allowedErrors.some((a) => m.text().includes(a))) page.problems.push(`console: ${m.text()}`); });
  page.on("response", (r) => { if (r.status() >= 400 && !allowedErrors.some((a) => `${r.status()}`.includes(a))) page.problems.push(`HTTP ${r.status()} for ${r.url()}`); });
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => { page.problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  return page;
}
async function noProblems(page, what) {
  const xss = await page.evaluate(() => window.__xss);
  assert(xss === undefined, `${what}: injected script ran (window.__xss = ${xss})`);
  assert(!page.problems.length, `${what}: ${page.problems.join(" | ")}`);
}
async function signInConsole(page, email = agentEmail) {
  const session = await api("POST", "/api/auth/login", { email, password });
  await page.goto(url + "/console");
  await page.evaluate((s) => localStorage.setItem("switchboard.console", JSON.stringify(s)), session);
  return session;
}
async function widgetWithSession(page, session) {
  await page.goto(url + "/demo");
  await page.evaluate(([key, s]) => localStorage.setItem(key, JSON.stringify(s)), [`switchboard.widget:${new URL(url).origin}`, session]);
  await page.reload();
  await page.getByRole("button", { name: "Chat with support" }).click();
}

const scenarios = {
  async widget() {
    const page = await newPage();
    const frames = [];
    page.on("websocket", (ws) => ws.on("framesent", (f) => frames.push(String(f.payload))));
    await check("the demo page loads widget.js from one script tag and shows the chat button", async () => {
      await page.goto(url + "/demo");
      await visible(page.getByRole("button", { name: "Chat with support" }));
    });
    await check("the chat button opens the pre-chat form with labelled name, e-mail and topic fields", async () => {
      await page.getByRole("button", { name: "Chat with support" }).click();
      await visible(page.getByRole("dialog", { name: "Chat with support" }));
      for (const label of ["Name", "E-mail", "Topic"]) await visible(page.getByLabel(label));
      await page.screenshot({ path: join(shots, "widget-prechat-form.png") });
    });
    await check("the keyboard alone works the panel: focus starts in the form, Escape closes it and returns to the button", async () => {
      assert(await page.getByLabel("Name").evaluate((el) => el.getRootNode().activeElement === el), "focus is not in the Name field");
      await page.keyboard.press("Escape");
      await page.getByRole("dialog", { name: "Chat with support" }).waitFor({ state: "detached", timeout: WAIT_MS });
      const launcher = page.getByRole("button", { name: "Chat with support" });
      assert(await launcher.evaluate((el) => el.getRootNode().activeElement === el), "focus did not return to the chat button");
      await page.keyboard.press("Enter");
      await visible(page.getByLabel("Name"));
    });
    await check("submitting the form starts a visitor session and joins the queue with the visitor's details", async () => {
      await page.getByLabel("Name").fill(XSS_NAME);
      await page.getByLabel("E-mail").fill("eve@example.com");
      await page.getByLabel("Topic").fill("Where is my order?");
      const visitor = page.waitForResponse((r) => r.url().endsWith("/api/auth/visitor"), { timeout: WAIT_MS });
      await page.getByRole("button", { name: "Start chat" }).press("Enter");
      assert((await visitor).status() === 201, "POST /api/auth/visitor did not answer 201");
      await visible(page.getByRole("textbox", { name: "Your message" }));
      const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `switchboard.widget:${new URL(url).origin}`);
      assert(stored && stored.user && stored.user.name === XSS_NAME, "the visitor session (with the name as typed) is kept in localStorage");
      const deadline = Date.now() + WAIT_MS;
      while (!frames.some((f) => f.includes('"queue:join"')) && Date.now() < deadline) await page.waitForTimeout(100);
      const joinFrame = frames.find((f) => f.includes('"queue:join"'));
      assert(joinFrame, "no queue:join was sent");
      const payload = JSON.parse(joinFrame.slice(joinFrame.indexOf("[")))[1];
      assert(payload.name === XSS_NAME && payload.email === "eve@example.com" && payload.topic === "Where is my order?",
        `queue:join payload ${JSON.stringify(payload)}`);
      await page.screenshot({ path: join(shots, "widget-joining.png") });
    });
    await check("the widget renders no HTML from the visitor's name and logs no errors", async () => {
      assert(await page.locator("#switchboard-widget img").count() === 0, "an <img> appeared in the widget");
      await noProblems(page, "widget");
    });
    await check("on a phone-sized screen the open panel fills the screen", async () => {
      const phone = await newPage({ width: 390, height: 760 });
      await phone.goto(url + "/demo");
      await phone.getByRole("button", { name: "Chat with support" }).click();
      const box = await phone.getByRole("dialog", { name: "Chat with support" }).boundingBox();
      assert(box && Math.round(box.width) === 390 && Math.round(box.height) === 760, `panel box ${JSON.stringify(box)}`);
      await phone.screenshot({ path: join(shots, "widget-phone.png") });
      await noProblems(phone, "phone widget");
    });
  },

  async console() {
    const page = await newPage(undefined, { allowedErrors: ["401"] });
    await check("a wrong password shows an error on the sign-in page", async () => {
      await page.goto(url + "/console");
      await page.getByLabel("E-mail").fill(agentEmail);
      await page.getByLabel("Password").fill("wrong-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await visible(page.getByRole("alert"));
      await page.screenshot({ path: join(shots, "console-signin-error.png") });
    });
    await check("an agent signs in and sees the console with availability and the queue", async () => {
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await visible(page.getByRole("button", { name: "Sign out" }));
      await visible(page.getByLabel("Availability"));
      await visible(page.getByRole("heading", { name: "Waiting customers" }));
      // the queue settles into a list, the empty state or an error state
      await visible(page.locator("table.list, .empty, .error"));
      await page.screenshot({ path: join(shots, "console-queue.png") });
    });
    await check("my chats and all chats show their filters and settle into a list, empty or error state", async () => {
      await page.getByRole("button", { name: "My chats" }).click();
      await visible(page.getByRole("heading", { name: "My chats" }));
      await visible(page.locator(".tickets, .empty, .error"));
      await page.screenshot({ path: join(shots, "console-my-chats.png") });
      await page.getByRole("button", { name: "All chats" }).click();
      await visible(page.getByRole("heading", { name: "All chats" }));
      for (const label of ["Status", "Priority", "Assignee", "Search"]) await visible(page.getByLabel(label));
      await visible(page.locator(".tickets, .empty, .error"));
      await page.screenshot({ path: join(shots, "console-all-chats.png") });
    });
    await check("the console survives a reload signed in and logs no errors", async () => {
      await page.reload();
      await visible(page.getByRole("heading", { name: "All chats" }));
      await noProblems(page, "console");
    });
  },

  // A visitor and an agent in one conversation, set up through the API; the widget and the console
  // then exchange messages, typing and read state in real time, and render hostile text as text.
  async conversation() {
    const visitor = await api("POST", "/api/auth/visitor", { name: XSS_NAME, email: "eve@example.com" });
    const agent = await api("POST", "/api/auth/login", { email: agentEmail, password });
    const conversation = await api("POST", "/api/chat/conversations", { participantId: visitor.user.id, type: "customer_support" }, agent.accessToken);
    await api("POST", `/api/chat/conversations/${conversation.id}/messages`, { message: XSS_TEXT, clientMessageId: "agent-xss-1" }, agent.accessToken);

    const customer = await newPage({ width: 420, height: 760 });
    const consolePage = await newPage();
    await check("the widget shows the conversation's history, hostile text as inert text", async () => {
      await widgetWithSession(customer, { token: visitor.accessToken, expiresAt: visitor.accessTokenExpiresAt, user: visitor.user,
        conversationId: conversation.id, phase: "chatting" });
      const text = customer.locator(".sbw-msg .sbw-text").filter({ hasText: "bold?" });
      await visible(text);
      assert(await text.first().textContent() === XSS_TEXT, `shown as ${await text.first().textContent()}`);
      assert(await customer.locator("#switchboard-widget b, #switchboard-widget img, #switchboard-widget script").count() === 0, "markup from a message was rendered");
    });
    await check("the console opens the conversation and shows the customer's hostile text as text", async () => {
      await signInConsole(consolePage);
      await consolePage.goto(`${url}/console#chat/${conversation.id}`);
      await consolePage.reload();
      await visible(consolePage.locator(".msg .text").filter({ hasText: "bold?" }));
      await customer.getByRole("textbox", { name: "Your message" }).fill(XSS_NAME + " says hi");
      await customer.getByRole("textbox", { name: "Your message" }).press("Enter");
      const fromCustomer = consolePage.locator(".msg.theirs .text").filter({ hasText: "says hi" });
      await visible(fromCustomer);
      assert(await fromCustomer.first().textContent() === XSS_NAME + " says hi", "the customer's message arrives verbatim");
      assert(await consolePage.locator(".messages img, .messages b").count() === 0, "markup from a message was rendered in the console");
    });
    await check("the agent's typing shows in the widget, the reply arrives, and the customer's read shows in the console", async () => {
      const box = consolePage.getByRole("textbox", { name: "Reply to the customer" });
      await box.pressSequentially("Hello Eve", { delay: 20 });
      await visible(customer.locator(".sbw-typing").filter({ hasText: "is typing" }));
      await box.press("Enter");
      await visible(customer.locator(".sbw-msg.sbw-theirs .sbw-text").filter({ hasText: "Hello Eve" }));
      await visible(consolePage.locator(".msg.ours").filter({ hasText: "Hello Eve" }).locator(".meta").filter({ hasText: "Read" }));
    });
    await check("the agent's read shows as Read on the customer's message in the widget", async () => {
      await visible(customer.locator(".sbw-msg.sbw-mine").filter({ hasText: "says hi" }).locator(".sbw-meta").filter({ hasText: "Read" }));
      await customer.screenshot({ path: join(shots, "widget-conversation.png") });
      await consolePage.screenshot({ path: join(shots, "console-conversation.png") });
    });
    await check("after a reload the widget shows the same history, each message once", async () => {
      await customer.reload();
      await customer.getByRole("button", { name: "Chat with support" }).click();
      await visible(customer.locator(".sbw-msg").filter({ hasText: "Hello Eve" }));
      const texts = await customer.locator(".sbw-msg .sbw-text").allTextContents();
      assert(JSON.stringify(texts) === JSON.stringify([XSS_TEXT, XSS_NAME + " says hi", "Hello Eve"]), `history ${JSON.stringify(texts)}`);
    });
    await check("a message for a conversation the agent is not looking at shows as a count in the console's title", async () => {
      await consolePage.getByRole("button", { name: "My chats" }).click();
      await visible(consolePage.getByRole("heading", { name: "My chats" }));
      await customer.getByRole("textbox", { name: "Your message" }).fill("are you there?");
      await customer.getByRole("textbox", { name: "Your message" }).press("Enter");
      await consolePage.waitForFunction(() => document.title === "(1) Switchboard console", null, { timeout: WAIT_MS });
      await consolePage.goBack();
      await visible(consolePage.locator(".msg .text").filter({ hasText: "are you there?" }));
      await consolePage.waitForFunction(() => document.title === "Switchboard console", null, { timeout: WAIT_MS });
    });
    await check("neither page ran injected script or logged an error", async () => {
      await noProblems(customer, "widget");
      await noProblems(consolePage, "console");
    });
  },

  // The server is restarted mid-chat (by WebUiBrowserTest, asked through CONTROL_DIR): both pages
  // show that they reconnect, a message typed meanwhile is sent once, and both continue.
  async restart() {
    const control = process.env.CONTROL_DIR;
    const visitor = await api("POST", "/api/auth/visitor", { name: "Rita", email: "rita@example.com" });
    const agent = await api("POST", "/api/auth/login", { email: agentEmail, password });
    const conversation = await api("POST", "/api/chat/conversations", { participantId: visitor.user.id, type: "customer_support" }, agent.accessToken);
    const customer = await newPage({ width: 420, height: 760 }, { allowedErrors: ["ERR_CONNECTION_REFUSED", "WebSocket connection"] });
    const consolePage = await newPage(undefined, { allowedErrors: ["ERR_CONNECTION_REFUSED", "WebSocket connection"] });
    await check("before the restart the widget and the console exchange messages", async () => {
      await widgetWithSession(customer, { token: visitor.accessToken, expiresAt: visitor.accessTokenExpiresAt, user: visitor.user,
        conversationId: conversation.id, phase: "chatting" });
      await signInConsole(consolePage);
      await consolePage.goto(`${url}/console#chat/${conversation.id}`);
      await consolePage.reload();
      await visible(consolePage.getByRole("textbox", { name: "Reply to the customer" }));
      await customer.getByRole("textbox", { name: "Your message" }).fill("one");
      await customer.getByRole("textbox", { name: "Your message" }).press("Enter");
      await visible(consolePage.locator(".msg .text").filter({ hasText: /^one$/ }));
      await consolePage.getByRole("textbox", { name: "Reply to the customer" }).fill("two");
      await consolePage.getByRole("textbox", { name: "Reply to the customer" }).press("Enter");
      await visible(customer.locator(".sbw-msg .sbw-text").filter({ hasText: /^two$/ }));
    });
    await check("while the server is down both pages show that they are reconnecting", async () => {
      writeFileSync(join(control, "restart-request"), "now");
      await visible(customer.getByRole("status").filter({ hasText: "Reconnecting" }));
      await visible(consolePage.getByRole("status").filter({ hasText: "Reconnecting" }));
      await customer.getByRole("textbox", { name: "Your message" }).fill("three, typed while offline");
      await customer.getByRole("textbox", { name: "Your message" }).press("Enter");
      await visible(customer.locator(".sbw-pending").filter({ hasText: "three" }));
      await customer.screenshot({ path: join(shots, "widget-reconnecting.png") });
      const deadline = Date.now() + 60000;
      while (!existsSync(join(control, "restart-done")) && Date.now() < deadline) await customer.waitForTimeout(100);
      assert(existsSync(join(control, "restart-done")), "the server was not restarted");
    });
    await check("after the restart the message typed offline arrives once and the conversation continues", async () => {
      await visible(consolePage.locator(".msg .text").filter({ hasText: "three, typed while offline" }));
      await customer.locator(".sbw-banner").waitFor({ state: "detached", timeout: WAIT_MS });
      await consolePage.getByRole("textbox", { name: "Reply to the customer" }).fill("four");
      await consolePage.getByRole("textbox", { name: "Reply to the customer" }).press("Enter");
      await visible(customer.locator(".sbw-msg .sbw-text").filter({ hasText: /^four$/ }));
      const expected = JSON.stringify(["one", "two", "three, typed while offline", "four"]);
      const inWidget = JSON.stringify(await customer.locator(".sbw-msg .sbw-text").allTextContents());
      const inConsole = JSON.stringify(await consolePage.locator(".msg .text").allTextContents());
      assert(inWidget === expected, `widget shows ${inWidget}`);
      assert(inConsole === expected, `console shows ${inConsole}`);
      const stored = await api("GET", `/api/chat/conversations/${conversation.id}/messages?limit=50`, undefined, agent.accessToken);
      assert(JSON.stringify(stored.messages.map((m) => m.text)) === expected, `stored ${JSON.stringify(stored.messages.map((m) => m.text))}`);
    });
    await check("neither page logged an error other than the refused connections while the server was down", async () => {
      await noProblems(customer, "widget");
      await noProblems(consolePage, "console");
    });
  },

  // A visitor served by an available agent (automatic routing): files both ways through the paper-clip
  // buttons, uploaded with the token, shown inline (images) or downloaded (other files) through blob:
  // URLs; a file attached to an internal note never reaches the widget.
  async attachments() {
    const PNG = stripesPng(96, 64);
    const customer = await newPage({ width: 420, height: 760 });
    const agentPage = await newPage();
    await check("a visitor served by an available agent sends an image that both sides show inline", async () => {
      await signInConsole(agentPage);
      await agentPage.reload();
      await agentPage.getByLabel("Availability").selectOption("available");
      await visible(agentPage.getByRole("heading", { name: "Waiting customers" }));
      await customer.goto(url + "/demo");
      await customer.getByRole("button", { name: "Chat with support" }).click();
      await customer.getByLabel("Name").fill("Pia <b>Files</b>");
      await customer.getByLabel("Topic").fill("Broken part");
      await customer.getByRole("button", { name: "Start chat" }).click();
      await visible(customer.locator(".sbw-sub").filter({ hasText: "You are chatting with Alan Agent" }));
      await visible(agentPage.getByRole("heading", { name: "Pia <b>Files</b>" }));
      const chooser = customer.waitForEvent("filechooser", { timeout: WAIT_MS });
      await customer.getByRole("button", { name: "Attach a file" }).click();
      await (await chooser).setFiles({ name: "broken <part>.png", mimeType: "image/png", buffer: PNG });
      for (const page of [customer, agentPage]) {
        const img = page.getByRole("img", { name: "broken <part>.png" });
        await visible(img);
        await page.waitForFunction((el) => el.complete && el.naturalWidth === 96 && el.src.startsWith("blob:"),
          await img.first().elementHandle(), { timeout: WAIT_MS });
      }
      await customer.screenshot({ path: join(shots, "widget-attachment.png") });
    });
    await check("the widget refuses a file of a type or size the server would refuse, with a message and without uploading it", async () => {
      const uploads = [];
      customer.on("request", (r) => { if (r.method() === "POST" && r.url().includes("/attachments")) uploads.push(r.url()); });
      const limits = await api("GET", "/api/v1/attachment-limits");
      const pick = async (file) => {
        const chooser = customer.waitForEvent("filechooser", { timeout: WAIT_MS });
        await customer.getByRole("button", { name: "Attach a file" }).click();
        await (await chooser).setFiles(file);
      };
      await pick({ name: "setup.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") });
      await visible(customer.locator(".sbw-error").filter({ hasText: "\"setup.exe\" cannot be sent: files of this type are not accepted" }));
      await pick({ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(limits.maxBytes + 1) });
      await visible(customer.locator(".sbw-error").filter({ hasText: "\"huge.png\" cannot be sent" }).filter({ hasText: "at most" }));
      await customer.screenshot({ path: join(shots, "widget-file-refused.png") });
      assert(uploads.length === 0, `uploaded anyway: ${JSON.stringify(uploads)}`);
      assert(await agentPage.locator(".msg").filter({ hasText: "setup.exe" }).count() === 0, "the refused file reached the console");
    });
    await check("the agent sends a text file that the visitor downloads with its content", async () => {
      const chooser = agentPage.waitForEvent("filechooser", { timeout: WAIT_MS });
      await agentPage.getByRole("button", { name: "Attach…" }).click();
      await (await chooser).setFiles({ name: "steps.txt", mimeType: "text/plain", buffer: Buffer.from("1. unplug\n2. wait\n") });
      const button = customer.getByRole("button", { name: "Download steps.txt" });
      await visible(button);
      const download = customer.waitForEvent("download", { timeout: WAIT_MS });
      await button.click();
      const file = await download;
      assert(file.suggestedFilename() === "steps.txt", `downloaded as ${file.suggestedFilename()}`);
      const body = await new Promise(async (resolve, reject) => {
        const stream = await file.createReadStream(); const parts = [];
        stream.on("data", (c) => parts.push(c)); stream.on("end", () => resolve(Buffer.concat(parts).toString())); stream.on("error", reject);
      });
      assert(body === "1. unplug\n2. wait\n", `content ${JSON.stringify(body)}`);
      await agentPage.screenshot({ path: join(shots, "console-attachments.png") });
    });
    await check("a file attached to an internal note shows in the console only", async () => {
      await agentPage.getByLabel("Internal note (staff only)").check();
      const chooser = agentPage.waitForEvent("filechooser", { timeout: WAIT_MS });
      await agentPage.getByRole("button", { name: "Attach to note…" }).click();
      await (await chooser).setFiles({ name: "internal-only.txt", mimeType: "text/plain", buffer: Buffer.from("staff eyes only") });
      await visible(agentPage.locator(".msg.internal").getByRole("button", { name: "Download internal-only.txt" }));
      await agentPage.getByLabel("Internal note (staff only)").uncheck();
      await agentPage.getByRole("textbox", { name: "Reply to the customer" }).fill("after the note");
      await agentPage.getByRole("textbox", { name: "Reply to the customer" }).press("Enter");
      await visible(customer.locator(".sbw-msg").filter({ hasText: "after the note" }));
      assert(await customer.locator("#switchboard-widget").filter({ hasText: "internal-only" }).count() === 0, "the widget shows the note's file");
      await noProblems(customer, "widget");
      await noProblems(agentPage, "console");
    });
  },

  // An admin's pages: statistics charts, the schedule editor (own and an agent's), user management.
  // WebUiBrowserTest seeds two chats first, one assigned to the agent.
  async pages() {
    const localDay = (days) => { const d = new Date(Date.now() + days * 86400000); const p = (n) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; };
    const day = localDay(7), nextDay = localDay(8); // shifts must lie within a year from now
    const page = await newPage(undefined, { allowedErrors: ["401", "403"] });
    await check("the statistics page draws chats per day, response times, status distribution and workload as labelled charts", async () => {
      await signInConsole(page, adminEmail);
      await page.goto(`${url}/console#stats`);
      await page.reload();
      await visible(page.getByRole("heading", { name: "Statistics" }));
      for (const caption of ["Chats per day", "Response times", "Status of these chats now", "Agent workload now"]) {
        await visible(page.locator("figure.chart").filter({ hasText: caption }));
      }
      const perDay = await page.locator("figure.chart").filter({ hasText: "Chats per day" }).getByRole("img").getAttribute("aria-label");
      assert(/^Chats per day: [1-9]\d* in 30 days/.test(perDay), `chats per day: ${perDay}`);
      const status = await page.locator("figure.chart").filter({ hasText: "Status of these chats now" }).getByRole("img").getAttribute("aria-label");
      assert(/Open: [1-9]/.test(status) && /In progress: [1-9]/.test(status), `status distribution: ${status}`);
      const workload = await page.locator("figure.chart").filter({ hasText: "Agent workload now" }).getByRole("img").getAttribute("aria-label");
      assert(workload.includes("Alan Agent: "), `workload: ${workload}`);
      await page.screenshot({ path: join(shots, "console-statistics.png"), fullPage: true });
    });
    await check("an admin plans a shift for an agent in the schedule editor and it is still there after a reload", async () => {
      await page.getByRole("button", { name: "Schedule" }).click();
      await visible(page.getByRole("heading", { name: "My schedule" }));
      await page.getByLabel("Agent").selectOption({ label: "Grace Agent" });
      await visible(page.getByRole("heading", { name: "Schedule of Grace Agent" }));
      await visible(page.getByText("No shifts planned."));
      await page.getByRole("button", { name: "Add shift" }).click();
      await page.getByLabel("Shift 1 starts").fill(`${day}T09:00`);
      await page.getByLabel("Shift 1 ends").fill(`${day}T17:30`);
      await page.getByLabel("Shift 1 note").fill("<b>early</b> shift");
      await page.getByRole("button", { name: "Save schedule" }).click();
      await visible(page.getByRole("status").filter({ hasText: "Schedule saved." }));
      await page.reload();
      await page.getByLabel("Agent").selectOption({ label: "Grace Agent" });
      await visible(page.getByLabel("Shift 1 starts"));
      assert(await page.getByLabel("Shift 1 starts").inputValue() === `${day}T09:00`, "start kept");
      assert(await page.getByLabel("Shift 1 ends").inputValue() === `${day}T17:30`, "end kept");
      assert(await page.getByLabel("Shift 1 note").inputValue() === "<b>early</b> shift", "note kept as typed");
      await page.screenshot({ path: join(shots, "console-schedule.png") });
    });
    await check("a shift that ends before it starts is refused with a message and nothing is saved", async () => {
      await page.getByRole("button", { name: "Add shift" }).click();
      await page.getByLabel("Shift 2 starts").fill(`${nextDay}T17:00`);
      await page.getByLabel("Shift 2 ends").fill(`${nextDay}T09:00`);
      await page.getByRole("button", { name: "Save schedule" }).click();
      await visible(page.getByRole("alert").filter({ hasText: "Not saved" }));
      await page.getByRole("button", { name: "Discard changes" }).click();
      await visible(page.getByLabel("Shift 1 starts"));
      assert(await page.getByLabel("Shift 2 starts").count() === 0, "the refused shift is gone after discarding");
    });
    await check("the admin lists users by role, creates an agent, deactivates them (they cannot sign in) and reactivates them", async () => {
      await page.getByRole("button", { name: "Users" }).click();
      await visible(page.getByRole("heading", { name: "Users" }));
      await visible(page.locator("table.users"));
      await page.locator("div.filters").getByLabel("Role").selectOption("agent");
      await visible(page.locator("table.users tbody tr").filter({ hasText: "Grace Agent" }));
      // Grace is in the unfiltered list too: wait for the filtered answer to replace the rows
      await page.waitForFunction(() => {
        const cells = [...document.querySelectorAll("table.users tbody tr td:nth-child(3)")];
        return cells.length > 0 && cells.every((c) => c.textContent === "Agent");
      }, null, { timeout: 10000 }).catch(() => {});
      const roles = await page.locator("table.users tbody tr td:nth-child(3)").allTextContents();
      assert(roles.length > 0 && roles.every((r) => r === "Agent"), `roles shown: ${JSON.stringify(roles)}`);
      await page.getByText("Create an agent or admin").click();
      const form = page.getByRole("form", { name: "Create a user" });
      await form.getByLabel("Name").fill("Nina <i>New</i>");
      await form.getByLabel("E-mail").fill("nina.new@example.com");
      await form.getByLabel("Role").selectOption("agent");
      await form.getByLabel("Initial password").fill("nina-initial-pass");
      await form.getByRole("button", { name: "Create user" }).click();
      const row = page.locator("table.users tbody tr").filter({ hasText: "nina.new@example.com" });
      await visible(row);
      assert((await row.locator("td").first().textContent()) === "Nina <i>New</i>", "the name is shown as typed");
      await api("POST", "/api/auth/login", { email: "nina.new@example.com", password: "nina-initial-pass" });
      await row.getByRole("button", { name: "Deactivate Nina <i>New</i>" }).click();
      await visible(row.locator(".pill").filter({ hasText: "Inactive" }));
      const refused = await send("POST", "/api/auth/login", { email: "nina.new@example.com", password: "nina-initial-pass" });
      assert(refused.status >= 400, `a deactivated agent signed in (${refused.status})`);
      await page.screenshot({ path: join(shots, "console-users.png") });
      await row.getByRole("button", { name: "Reactivate Nina <i>New</i>" }).click();
      await visible(row.locator(".pill").filter({ hasText: "Active" }));
      await api("POST", "/api/auth/login", { email: "nina.new@example.com", password: "nina-initial-pass" });
    });
    await check("an agent's console has the schedule but neither statistics nor users, and no page logged an error", async () => {
      const agent = await newPage();
      await signInConsole(agent);
      await agent.reload();
      await visible(agent.getByRole("button", { name: "Schedule" }));
      assert(await agent.getByRole("button", { name: "Statistics" }).count() === 0, "an agent sees Statistics");
      assert(await agent.getByRole("button", { name: "Users" }).count() === 0, "an agent sees Users");
      await agent.getByRole("button", { name: "Schedule" }).click();
      await visible(agent.getByRole("heading", { name: "My schedule" }));
      assert(await agent.getByLabel("Agent").count() === 0, "an agent can pick someone else's schedule");
      await noProblems(agent, "agent console");
      assert(await page.locator("b, i").count() === 0, "markup typed by users was rendered");
      await noProblems(page, "admin console");
    });
  },

  // A desk with a thousand support chats (seeded by WebUiBrowserTest): the lists load a page at a
  // time (25), load more on request, search and filter on the server, and the console stays usable.
  async thousand() {
    const page = await newPage();
    const listed = []; // tickets per ticket:list answer, read from the WebSocket frames
    page.on("websocket", (ws) => ws.on("framereceived", (f) => {
      const text = String(f.payload);
      const m = /^43\d+(\[.*)$/s.exec(text);
      if (!m) return;
      const [reply] = JSON.parse(m[1]);
      if (reply && reply.ok && reply.data && Array.isArray(reply.data.tickets)) listed.push(reply.data.tickets.length);
    }));
    await check("all chats shows the first 25 of a thousand, with unread badges, and loads 25 more on request", async () => {
      await signInConsole(page);
      await page.goto(`${url}/console#all`);
      await page.reload();
      await visible(page.locator(".ticket"));
      await visible(page.getByRole("button", { name: "Load more" }));
      assert(await page.locator(".ticket").count() === 25, `first page shows ${await page.locator(".ticket").count()}`);
      await visible(page.locator(".ticket .badge").filter({ hasText: "1" }));
      await page.getByRole("button", { name: "Load more" }).click();
      await page.waitForFunction(() => document.querySelectorAll(".ticket").length === 50, null, { timeout: WAIT_MS });
      await page.screenshot({ path: join(shots, "console-thousand-chats.png") });
    });
    await check("searching and filtering ask the server: one customer out of a thousand is found by name", async () => {
      await page.getByLabel("Search").fill("Customer 0777");
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.waitForFunction(() => document.querySelectorAll(".ticket").length === 1, null, { timeout: WAIT_MS });
      assert((await page.locator(".ticket .who").textContent()) === "Customer 0777", "the one found is Customer 0777");
      await page.getByLabel("Search").fill("");
      await page.getByLabel("Status").selectOption("open");
      await page.waitForFunction(() => document.querySelectorAll(".ticket").length === 25, null, { timeout: WAIT_MS });
      await visible(page.getByRole("button", { name: "Load more" }));
    });
    await check("the console stays usable: a chat opens from the list and Back returns to a list of one page", async () => {
      await page.locator(".ticket").filter({ hasText: "Customer" }).first().click();
      await visible(page.getByRole("textbox", { name: "Reply to the customer" }));
      await page.getByRole("button", { name: "← Back" }).click();
      await page.waitForFunction(() => document.querySelectorAll(".ticket").length === 25, null, { timeout: WAIT_MS });
      await page.getByRole("button", { name: "My chats" }).click();
      await visible(page.getByText("No chats match these filters."));
      assert(listed.length >= 5, `ticket:list answers seen: ${listed.length}`);
      assert(listed.every((n) => n <= 25), `a ticket:list answer carried more than a page: ${JSON.stringify(listed)}`);
      await noProblems(page, "console");
    });
  },

  // Needs the queue (routing) and tickets: nobody staffed, so the widget offers the offline form,
  // and the message becomes an open ticket the agent finds in "All chats".
  async offline() {
    const customer = await newPage({ width: 420, height: 760 });
    const agentPage = await newPage();
    await check("with nobody staffed the widget switches to the offline form", async () => {
      await customer.goto(url + "/demo");
      await customer.getByRole("button", { name: "Chat with support" }).click();
      await customer.getByLabel("Name").fill("Olga");
      await customer.getByLabel("E-mail").fill("olga@example.com");
      await customer.getByLabel("Topic").fill("Invoice copy");
      await customer.getByRole("button", { name: "Start chat" }).click();
      await visible(customer.getByLabel("Message", { exact: true }));
      await customer.screenshot({ path: join(shots, "widget-offline-form.png") });
    });
    await check("the offline message is received and shows up as an open ticket in the console", async () => {
      await customer.getByLabel("Message", { exact: true }).fill("Please send me the invoice for order 1234");
      await customer.getByRole("button", { name: "Send message" }).click();
      await visible(customer.getByText("your message has been received"));
      await signInConsole(agentPage);
      await agentPage.goto(`${url}/console#all`);
      await agentPage.reload();
      await visible(agentPage.locator(".ticket").filter({ hasText: "Olga" }).filter({ hasText: "Open" }));
      await noProblems(customer, "widget");
      await noProblems(agentPage, "console");
    });
  },

  // The whole support flow through the UI on a desk where agents pick by hand (ROUTING_STRATEGY
  // manual): the visitor waits with a position, the first agent picks, they talk (typing, read
  // state), a note stays in the console, the chat goes to a second agent (another browser context)
  // who resolves it, and the visitor's reload shows the history.
  async queue() {
    const customer = await newPage({ width: 420, height: 760 });
    const agentPage = await newPage();
    const agent2Page = await newPage();
    await check("a visitor who joins the queue waits with a position and an available agent sees them, name as inert text", async () => {
      await signInConsole(agentPage);
      await agentPage.reload();
      await agentPage.getByLabel("Availability").selectOption("available");
      await signInConsole(agent2Page, agent2Email);
      await agent2Page.reload();
      await agent2Page.getByLabel("Availability").selectOption("available");
      await visible(agent2Page.getByRole("heading", { name: "Waiting customers" }));
      await customer.goto(url + "/demo");
      await customer.getByRole("button", { name: "Chat with support" }).click();
      await customer.getByLabel("Name").fill(XSS_NAME);
      await customer.getByLabel("E-mail").fill("eve@example.com");
      await customer.getByLabel("Topic").fill("Refund");
      await customer.getByRole("button", { name: "Start chat" }).click();
      await visible(customer.locator(".sbw-sub").filter({ hasText: "You are number 1 in the queue" }));
      const row = agentPage.locator("table.list tbody tr").filter({ hasText: "Eve" });
      await visible(row);
      assert((await row.first().locator("td").nth(1).textContent()).startsWith(XSS_NAME), "the name is shown verbatim");
      assert(await row.first().locator("td").nth(2).textContent() === "Refund", "the topic is shown");
      await customer.screenshot({ path: join(shots, "widget-waiting.png") });
      await agentPage.screenshot({ path: join(shots, "console-queue-waiting.png") });
    });
    await check("the agent picks the visitor; the widget shows the agent's name and the other agent's queue empties", async () => {
      await agentPage.getByRole("button", { name: /^Pick/ }).first().click();
      await visible(agentPage.getByRole("heading", { name: XSS_NAME }));
      await visible(customer.locator(".sbw-sub").filter({ hasText: "You are chatting with Alan Agent" }));
      await visible(agent2Page.getByText("Nobody is waiting."));
    });
    await check("they exchange messages both ways with typing indicators and read state", async () => {
      const widgetBox = customer.getByRole("textbox", { name: "Your message" });
      await widgetBox.pressSequentially("I want my money back", { delay: 20 });
      await visible(agentPage.locator(".typing").filter({ hasText: "is typing" }));
      await widgetBox.press("Enter");
      await visible(agentPage.locator(".msg.theirs .text").filter({ hasText: "I want my money back" }));
      await visible(customer.locator(".sbw-msg.sbw-mine").filter({ hasText: "I want my money back" }).locator(".sbw-meta").filter({ hasText: "Read" }));
      const reply = agentPage.getByRole("textbox", { name: "Reply to the customer" });
      await reply.pressSequentially("Let me check", { delay: 20 });
      await visible(customer.locator(".sbw-typing").filter({ hasText: "Alan Agent is typing" }));
      await reply.press("Enter");
      await visible(customer.locator(".sbw-msg.sbw-theirs .sbw-text").filter({ hasText: "Let me check" }));
      await visible(agentPage.locator(".msg.ours").filter({ hasText: "Let me check" }).locator(".meta").filter({ hasText: "Read" }));
    });
    await check("after a reload the console still shows which replies the customer has read, from the ticket rather than live events", async () => {
      await agentPage.reload();
      await visible(agentPage.locator(".msg.ours").filter({ hasText: "Let me check" }).locator(".meta").filter({ hasText: "Read" }));
    });
    await check("after a reload the widget still shows the customer's message as Read, from the ticket rather than live events", async () => {
      await customer.reload();
      await customer.getByRole("button", { name: "Chat with support" }).click();
      const mine = customer.locator(".sbw-msg.sbw-mine").filter({ hasText: "I want my money back" });
      await visible(mine);
      await visible(mine.locator(".sbw-meta").filter({ hasText: "Read" }));
    });
    await check("an internal note is marked as such in the console and never reaches the widget", async () => {
      await agentPage.getByLabel("Internal note (staff only)").check();
      await agentPage.getByRole("textbox", { name: "Internal note" }).fill("note: check refund policy");
      await agentPage.getByRole("button", { name: "Add note" }).click();
      await visible(agentPage.locator(".msg.internal").filter({ hasText: "check refund policy" }));
      await agentPage.getByLabel("Internal note (staff only)").uncheck();
      await agentPage.getByRole("textbox", { name: "Reply to the customer" }).fill("We can refund that");
      await agentPage.getByRole("button", { name: "Send" }).click();
      await visible(customer.locator(".sbw-msg").filter({ hasText: "We can refund that" }));
      assert(await customer.locator("#switchboard-widget").filter({ hasText: "refund policy" }).count() === 0, "the widget shows the internal note");
      await agentPage.screenshot({ path: join(shots, "console-internal-note.png") });
    });
    await check("the agent transfers the chat to the second agent, the widget names them and they take over the conversation", async () => {
      await agentPage.getByRole("button", { name: "Transfer…" }).click();
      const select = agentPage.getByLabel("Transfer to");
      await visible(select);
      await select.selectOption({ label: "Grace Agent" });
      await visible(customer.locator(".sbw-notice").filter({ hasText: "You are now talking to Grace Agent" }));
      await visible(agentPage.locator(".controls").filter({ hasText: "Assignee: Grace Agent" }));
      await agent2Page.getByRole("button", { name: "My chats" }).click();
      await agent2Page.locator(".ticket").filter({ hasText: "Eve" }).first().click();
      await visible(agent2Page.locator(".msg.internal").filter({ hasText: "check refund policy" }));
      await agent2Page.getByRole("textbox", { name: "Reply to the customer" }).fill("Grace here, refund approved");
      await agent2Page.getByRole("textbox", { name: "Reply to the customer" }).press("Enter");
      await visible(customer.locator(".sbw-msg.sbw-theirs .sbw-text").filter({ hasText: "Grace here, refund approved" }));
      await agent2Page.screenshot({ path: join(shots, "console-transferred.png") });
    });
    await check("the second agent resolves the ticket and the widget shows that the chat has ended", async () => {
      await agent2Page.getByLabel("Status").selectOption("resolved");
      await visible(customer.getByText("This chat has ended."));
      await customer.screenshot({ path: join(shots, "widget-ended.png") });
    });
    await check("after a reload the visitor sees the whole history, each message once and without the note", async () => {
      await customer.reload();
      await customer.getByRole("button", { name: "Chat with support" }).click();
      await visible(customer.locator(".sbw-msg").filter({ hasText: "Grace here, refund approved" }));
      const texts = await customer.locator(".sbw-msg .sbw-text").allTextContents();
      const expected = ["I want my money back", "Let me check", "We can refund that", "Grace here, refund approved"];
      assert(JSON.stringify(texts) === JSON.stringify(expected), `history ${JSON.stringify(texts)}`);
      await visible(customer.getByText("This chat has ended."));
    });
    await check("no page ran injected script or logged an error", async () => {
      await noProblems(customer, "widget");
      await noProblems(agentPage, "console");
      await noProblems(agent2Page, "second console");
    });
  },
};

const requested = process.argv.slice(2);
try {
  for (const name of requested) {
    if (!scenarios[name]) { failed++; console.log(`FAIL unknown scenario ${name}`); continue; }
    await scenarios[name]();
  }
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
