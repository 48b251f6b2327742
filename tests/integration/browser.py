"""Opens figcheck's HTML report in headless Chromium through chromedriver (Selenium), reads the
rendered page and prints what it finds as JSON; saves a PNG screenshot.

usage: browser.py REPORT.html SCREENSHOT.png
"""
import json
import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By


def main() -> int:
    report = pathlib.Path(sys.argv[1]).resolve()
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(report.as_uri())
        marks = driver.find_elements(By.CSS_SELECTOR, "mark.figure")
        flagged = driver.find_elements(By.CSS_SELECTOR, "mark.figure.error, mark.figure.warning")
        verified = driver.find_elements(By.CSS_SELECTOR, "mark.figure.verified")
        findings = driver.find_elements(By.CSS_SELECTOR, "li.finding")
        first = flagged[0]
        ActionChains(driver).move_to_element(first).perform()
        hover = driver.execute_script(
            "return window.getComputedStyle(arguments[0], '::after').getPropertyValue('content');",
            first,
        )
        result = {
            "title": driver.title,
            "marks": len(marks),
            "flagged": [m.text for m in flagged],
            "verified": len(verified),
            "flagged_background": first.value_of_css_property("background-color"),
            "plain_background": driver.execute_script(
                "return window.getComputedStyle(document.body).backgroundColor;"
            ),
            "hover": hover,
            "findings": [f.text for f in findings],
            "visible": all(f.is_displayed() for f in findings),
        }
        driver.save_screenshot(sys.argv[2])
    finally:
        driver.quit()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
