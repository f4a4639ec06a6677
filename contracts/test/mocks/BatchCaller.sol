// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title BatchCaller
/// @notice Calls one target many times in one transaction, as one account (this contract). The
/// gas benchmark uses it to build a state of 10,000 contributions and jobs through the market's
/// real functions. Never deploy it outside tests and benchmarks.
contract BatchCaller {
    /// @notice Calls `target` with each of `calls` in order; the first failure reverts all.
    function run(address target, bytes[] calldata calls) external {
        for (uint256 i = 0; i < calls.length; ++i) {
            (bool ok, bytes memory result) = target.call(calls[i]);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(result, 32), mload(result))
                }
            }
        }
    }
}
