// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title HostileToken
/// @notice A test ERC-20 that attacks whoever moves it: once armed, its next transfer calls a
/// target with a payload from the token's own address, in the middle of the caller's
/// transaction. The token can also act as a market user itself (`execute`), so it can hold
/// credits and try to withdraw them twice. Never deploy it outside tests.
contract HostileToken is ERC20 {
    address public target;
    bytes public payload;
    /// @notice Whether the last reentrant call succeeded, and what it returned or reverted with.
    bool public lastCallSucceeded;
    bytes public lastReturnData;
    uint256 public reentries;

    constructor() ERC20("Hostile Token", "HOST") {}

    /// @notice Mints `amount` to `to`; open to anyone.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms one reentrant call: the next transfer calls `newTarget` with `newPayload`.
    function arm(address newTarget, bytes calldata newPayload) external {
        target = newTarget;
        payload = newPayload;
    }

    /// @notice Calls `to` with `data` from this contract, bubbling a revert.
    function execute(address to, bytes calldata data) external returns (bytes memory result) {
        bool ok;
        (ok, result) = to.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address armed = target;
        if (armed != address(0)) {
            target = address(0);
            reentries += 1;
            (lastCallSucceeded, lastReturnData) = armed.call(payload);
        }
    }
}
